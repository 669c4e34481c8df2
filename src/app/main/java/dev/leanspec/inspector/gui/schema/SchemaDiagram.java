package dev.leanspec.inspector.gui.schema;

import dev.leanspec.inspector.persistence.raw.SchemaObject;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;

/**
 * The tables and their foreign keys, drawn: a box per table (its name, its columns with the
 * primary key marked), laid out in a grid by name, and an arrow from each table to the one its
 * key refers to. Savable as a PNG.
 */
final class SchemaDiagram extends Pane {

    private static final double WIDTH = 230;
    private static final double GAP = 70;

    SchemaDiagram(List<SchemaObject> objects) {
        getStyleClass().add("schema-diagram");
        List<SchemaObject> tables = objects.stream().filter(o -> o.type().equals("table") && !o.name().startsWith("sqlite_")).toList();
        int perRow = Math.max(1, (int) Math.ceil(Math.sqrt(tables.size())));
        Map<String, VBox> boxes = new HashMap<>();
        double[] rowHeights = new double[(tables.size() + perRow - 1) / perRow];
        for (int i = 0; i < tables.size(); i++) {
            rowHeights[i / perRow] = Math.max(rowHeights[i / perRow], 34 + 19.0 * tables.get(i).columns().size());
        }
        Group lines = new Group();
        getChildren().add(lines);
        double y = GAP; // room above the first row for the arrows into it
        for (int row = 0; row < rowHeights.length; row++) {
            for (int col = 0; col < perRow && row * perRow + col < tables.size(); col++) {
                SchemaObject table = tables.get(row * perRow + col);
                VBox box = new VBox(1);
                box.getStyleClass().add("schema-box");
                Label name = new Label(table.name());
                name.getStyleClass().add("schema-box-title");
                box.getChildren().add(name);
                for (SchemaObject.Column column : table.columns()) {
                    Label line = new Label((column.primaryKey() > 0 ? "PK  " : "      ") + column.name() + (column.type().isEmpty() ? "" : "  " + column.type()));
                    line.getStyleClass().add("schema-box-column");
                    box.getChildren().add(line);
                }
                box.setLayoutX(GAP / 2 + col * (WIDTH + GAP));
                box.setLayoutY(y);
                box.setPrefWidth(WIDTH);
                box.setMinHeight(rowHeights[row] - 10);
                boxes.put(table.name(), box);
                getChildren().add(box);
            }
            y += rowHeights[row] + GAP;
        }
        // Arrows once the boxes are laid out (their sizes are known then), and again if one moves.
        Runnable redraw = () -> {
            if (!queued) {
                queued = true;
                Platform.runLater(() -> {
                    queued = false;
                    arrows(tables, boxes, lines);
                });
            }
        };
        boxes.values().forEach(box -> box.boundsInParentProperty().addListener(o -> redraw.run()));
        redraw.run();
    }

    private boolean queued;

    /**
     * An arrow per foreign key, drawn through the gaps between the boxes so that it never crosses
     * another table (a straight line from centre to centre ran through the boxes between, and
     * seemed to start from the wrong table): out of the side of its table into the column gap
     * beside it, along that gap to the row gap above the referenced table, along that to above
     * it, and down into it. Each arrow keeps a lane of its own in the gaps.
     */
    private static void arrows(List<SchemaObject> tables, Map<String, VBox> boxes, Group lines) {
        lines.getChildren().clear();
        int lane = 0;
        for (SchemaObject table : tables) {
            for (SchemaObject.ForeignKey key : table.foreignKeys()) {
                VBox from = boxes.get(table.name());
                VBox to = boxes.get(key.table());
                if (from == null || to == null || from == to) {
                    continue;
                }
                Bounds a = from.getBoundsInParent();
                Bounds b = to.getBoundsInParent();
                double offset = ((lane++ % 5) - 2) * 7; // lanes 14 px apart, within the 70 px gaps
                boolean rightward = b.getCenterX() >= a.getCenterX();
                double startX = rightward ? a.getMaxX() : a.getMinX();
                double startY = a.getMinY() + Math.min(a.getHeight() / 2, 24) + offset;
                double columnGap = (rightward ? a.getMaxX() + GAP / 2 : a.getMinX() - GAP / 2) + offset;
                double rowGap = b.getMinY() - GAP / 2 + offset;
                double endX = b.getCenterX() + offset * 3;
                double endY = b.getMinY();
                Polyline line = new Polyline(startX, startY, columnGap, startY, columnGap, rowGap, endX, rowGap, endX, endY);
                line.getStyleClass().add("schema-arrow");
                line.setUserData(table.name() + " -> " + key.table());
                Polygon head = new Polygon(endX, endY, endX - 5, endY - 10, endX + 5, endY - 10);
                head.getStyleClass().add("schema-arrow-head");
                lines.getChildren().addAll(line, head);
            }
        }
    }

    /** Writes the diagram as it is drawn to a PNG file. */
    void savePng(Path file) throws IOException {
        WritableImage image = snapshot(new SnapshotParameters(), null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(out, "png", file.toFile());
    }
}
