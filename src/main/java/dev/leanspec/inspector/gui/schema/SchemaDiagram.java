package dev.leanspec.inspector.gui.schema;

import dev.leanspec.inspector.persistence.raw.SchemaObject;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

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
        double y = GAP / 2;
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
                javafx.application.Platform.runLater(() -> {
                    queued = false;
                    arrows(tables, boxes, lines);
                });
            }
        };
        boxes.values().forEach(box -> box.boundsInParentProperty().addListener(o -> redraw.run()));
        redraw.run();
    }

    private boolean queued;

    private static void arrows(List<SchemaObject> tables, Map<String, VBox> boxes, Group lines) {
        lines.getChildren().clear();
        for (SchemaObject table : tables) {
            for (SchemaObject.ForeignKey key : table.foreignKeys()) {
                VBox from = boxes.get(table.name());
                VBox to = boxes.get(key.table());
                if (from == null || to == null || from == to) {
                    continue;
                }
                Bounds a = from.getBoundsInParent();
                Bounds b = to.getBoundsInParent();
                double x1 = a.getCenterX();
                double y1 = a.getCenterY();
                double x2 = b.getCenterX();
                double y2 = b.getCenterY();
                // From edge to edge: clip the centre-to-centre line at each box.
                double[] start = clip(a, x1, y1, x2, y2);
                double[] end = clip(b, x2, y2, x1, y1);
                Line line = new Line(start[0], start[1], end[0], end[1]);
                line.getStyleClass().add("schema-arrow");
                double angle = Math.atan2(end[1] - start[1], end[0] - start[0]);
                Polygon head = new Polygon(end[0], end[1],
                        end[0] - 10 * Math.cos(angle - 0.4), end[1] - 10 * Math.sin(angle - 0.4),
                        end[0] - 10 * Math.cos(angle + 0.4), end[1] - 10 * Math.sin(angle + 0.4));
                head.getStyleClass().add("schema-arrow-head");
                lines.getChildren().addAll(line, head);
            }
        }
    }

    /** Where the line from (x1, y1) inside {@code box} towards (x2, y2) leaves the box. */
    private static double[] clip(Bounds box, double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double tx = dx == 0 ? Double.MAX_VALUE : (box.getWidth() / 2) / Math.abs(dx);
        double ty = dy == 0 ? Double.MAX_VALUE : (box.getHeight() / 2) / Math.abs(dy);
        double t = Math.min(1, Math.min(tx, ty));
        return new double[] {x1 + dx * t, y1 + dy * t};
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
        javax.imageio.ImageIO.write(out, "png", file.toFile());
    }
}
