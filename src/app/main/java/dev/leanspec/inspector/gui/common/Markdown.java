package dev.leanspec.inspector.gui.common;

import java.util.List;
import java.util.function.Consumer;

import javafx.beans.binding.DoubleExpression;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown (CommonMark with GitHub tables, parsed by commonmark-java) as JavaFX nodes: headings,
 * paragraphs with bold, italic, inline code and links, lists, block quotes, code blocks in a
 * monospaced box, tables, rules. Text is laid out in {@link TextFlow}s that wrap at
 * {@code width}, so a long message grows in height instead of being cut. Raw HTML is shown as
 * text, never interpreted.
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    /** Opens a link; set once by the application (to its host services), a no-op in tests. */
    private static volatile Consumer<String> linkOpener = url -> { };

    private Markdown() {
    }

    /** Where clicked links go (the application passes its HostServices' showDocument). */
    public static void openLinksWith(Consumer<String> opener) {
        linkOpener = opener;
    }

    /** Opens {@code url} the way links in Markdown are opened. */
    public static void openLinks(String url) {
        linkOpener.accept(url);
    }

    /** {@code markdown} as a column of blocks that fill {@code width} and wrap there. */
    public static VBox render(String markdown, DoubleExpression width) {
        return render(markdown, width, true);
    }

    /**
     * {@code markdown} as a column of blocks that wrap at {@code width}; with {@code fill} false
     * a short text keeps its own width (a chat bubble).
     */
    public static VBox render(String markdown, DoubleExpression width, boolean fill) {
        VBox blocks = render0(markdown, width);
        if (!fill) {
            blocks.lookupAll(".md-flow").forEach(node -> ((TextFlow) node).prefWidthProperty().unbind());
            for (javafx.scene.Node node : blocks.getChildren()) {
                if (node instanceof TextFlow flow) {
                    flow.prefWidthProperty().unbind();
                    flow.setPrefWidth(Region.USE_COMPUTED_SIZE);
                }
            }
        }
        return blocks;
    }

    private static VBox render0(String markdown, DoubleExpression width) {
        VBox blocks = new VBox(6);
        blocks.getStyleClass().add("markdown");
        org.commonmark.node.Node document = PARSER.parse(markdown == null ? "" : markdown);
        for (org.commonmark.node.Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            blocks.getChildren().add(block(block, width));
        }
        return blocks;
    }

    private static Node block(org.commonmark.node.Node block, DoubleExpression width) {
        return switch (block) {
            case Heading heading -> {
                TextFlow flow = flow(width);
                inline(heading, flow, "md-heading-" + Math.min(heading.getLevel(), 3));
                yield flow;
            }
            case Paragraph paragraph -> {
                TextFlow flow = flow(width);
                inline(paragraph, flow, null);
                yield flow;
            }
            case FencedCodeBlock code -> code(code.getLiteral(), width);
            case IndentedCodeBlock code -> code(code.getLiteral(), width);
            case HtmlBlock html -> code(html.getLiteral(), width);
            case BulletList list -> list(list, false, width);
            case OrderedList list -> list(list, true, width);
            case BlockQuote quote -> {
                VBox inner = new VBox(4);
                inner.getStyleClass().add("md-quote");
                for (org.commonmark.node.Node child = quote.getFirstChild(); child != null; child = child.getNext()) {
                    inner.getChildren().add(block(child, width.subtract(16)));
                }
                yield inner;
            }
            case TableBlock table -> table(table);
            case ThematicBreak ignored -> new Separator();
            default -> {
                TextFlow flow = flow(width);
                inline(block, flow, null);
                yield flow;
            }
        };
    }

    private static Node list(ListBlock list, boolean ordered, DoubleExpression width) {
        VBox items = new VBox(2);
        int number = ordered ? ((OrderedList) list).getMarkerStartNumber() == null ? 1 : ((OrderedList) list).getMarkerStartNumber() : 0;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            VBox content = new VBox(2);
            for (org.commonmark.node.Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                content.getChildren().add(block(child, width.subtract(24)));
            }
            Label marker = new Label(ordered ? (number++) + "." : "•");
            marker.setMinWidth(20);
            items.getChildren().add(new HBox(4, marker, content));
        }
        return items;
    }

    private static Node code(String literal, DoubleExpression width) {
        Label code = new Label(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
        code.getStyleClass().addAll("monospace", "md-code-block");
        code.setWrapText(true);
        code.setPadding(new Insets(6));
        code.maxWidthProperty().bind(width);
        code.setMinHeight(Region.USE_PREF_SIZE);
        return code;
    }

    private static Node table(TableBlock table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        grid.setHgap(12);
        grid.setVgap(2);
        int row = 0;
        for (org.commonmark.node.Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (org.commonmark.node.Node r = section.getFirstChild(); r != null; r = r.getNext()) {
                if (!(r instanceof TableRow)) {
                    continue;
                }
                int column = 0;
                for (org.commonmark.node.Node cell = r.getFirstChild(); cell != null; cell = cell.getNext()) {
                    TextFlow flow = new TextFlow();
                    inline(cell, flow, cell instanceof TableCell c && c.isHeader() ? "md-strong" : null);
                    // A short cell keeps its width; the long ones beside it wrap (else a row with a
                    // long cell squeezed its neighbours to one letter per line).
                    int chars = flow.getChildren().stream().mapToInt(n -> n instanceof javafx.scene.text.Text t ? t.getText().length() : 0).sum();
                    if (chars <= 40) {
                        flow.setMinWidth(Region.USE_PREF_SIZE);
                    }
                    grid.add(flow, column++, row);
                }
                row++;
            }
        }
        return grid;
    }

    private static TextFlow flow(DoubleExpression width) {
        TextFlow flow = new TextFlow();
        flow.prefWidthProperty().bind(width);
        flow.maxWidthProperty().bind(width);
        flow.setMinHeight(Region.USE_PREF_SIZE);
        return flow;
    }

    /** The inline content of {@code parent} into {@code flow}, each run with its style. */
    private static void inline(org.commonmark.node.Node parent, TextFlow flow, String style) {
        for (org.commonmark.node.Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            switch (node) {
                case org.commonmark.node.Text text -> flow.getChildren().add(text(text.getLiteral(), style));
                case Code code -> flow.getChildren().add(text(code.getLiteral(), "md-code"));
                case StrongEmphasis strong -> inline(strong, flow, "md-strong");
                case Emphasis emphasis -> inline(emphasis, flow, "md-emphasis");
                case SoftLineBreak ignored -> flow.getChildren().add(text(" ", style));
                case HardLineBreak ignored -> flow.getChildren().add(text("\n", style));
                case HtmlInline html -> flow.getChildren().add(text(html.getLiteral(), "md-code"));
                case Link link -> {
                    StringBuilder label = new StringBuilder();
                    for (org.commonmark.node.Node child = link.getFirstChild(); child != null; child = child.getNext()) {
                        if (child instanceof org.commonmark.node.Text t) {
                            label.append(t.getLiteral());
                        } else if (child instanceof Code c) {
                            label.append(c.getLiteral());
                        }
                    }
                    Hyperlink hyperlink = new Hyperlink(label.isEmpty() ? link.getDestination() : label.toString());
                    hyperlink.getStyleClass().add("md-link");
                    hyperlink.setOnAction(e -> linkOpener.accept(link.getDestination()));
                    hyperlink.setPadding(Insets.EMPTY);
                    flow.getChildren().add(hyperlink);
                }
                default -> inline(node, flow, style);
            }
        }
    }

    private static Text text(String literal, String style) {
        Text text = new Text(literal);
        text.getStyleClass().add("md-text");
        if (style != null) {
            text.getStyleClass().add(style);
        }
        return text;
    }
}
