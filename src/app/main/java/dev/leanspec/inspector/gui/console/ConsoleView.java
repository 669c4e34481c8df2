package dev.leanspec.inspector.gui.console;

import dev.leanspec.inspector.gui.common.ColumnWidths;
import dev.leanspec.inspector.gui.common.PagedTables;
import dev.leanspec.inspector.gui.common.SqlHighlighting;
import dev.leanspec.inspector.persistence.query.PlanStep;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/**
 * The SQL tab: an editor (RichTextFX: line numbers, SQL highlighted, Ctrl+Space completes table
 * and column names), Ctrl+Enter runs the statement at the caret, the result in a paged table,
 * the plan as a tree, and what happened in one line (a refusal or an error in red).
 */
public final class ConsoleView extends BorderPane {

    private final ConsoleViewModel model;
    private final CodeArea editor = new CodeArea();
    private final ContextMenu completions = new ContextMenu();

    public ConsoleView(ConsoleViewModel model) {
        this.model = model;
        setId("console-view");

        editor.setId("sql-editor");
        editor.getStyleClass().add("sql-editor");
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.setWrapText(false);
        // Highlight after typing pauses, on the whole text (a console's text is short).
        editor.multiPlainChanges().successionEnds(Duration.ofMillis(80)).subscribe(ignore -> highlight());
        editor.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER && event.isShortcutDown()) {
                event.consume();
                run();
            } else if (event.getCode() == KeyCode.SPACE && event.isControlDown()) {
                event.consume();
                complete();
            } else if (event.getCode() == KeyCode.E && event.isShortcutDown() && event.isShiftDown()) {
                event.consume();
                explain();
            }
        });

        Button run = new Button("Run");
        run.setId("console-run");
        run.setTooltip(new Tooltip("Run the statement at the caret (Ctrl+Enter)"));
        run.setOnAction(e -> run());
        Button explain = new Button("Explain");
        explain.setId("console-explain");
        explain.setTooltip(new Tooltip("Show the database's plan for the statement at the caret (Ctrl+Shift+E)"));
        explain.setOnAction(e -> explain());
        Button stop = new Button("Stop");
        stop.setId("console-stop");
        stop.disableProperty().bind(model.runningProperty().not().and(model.totalProperty().isNotEqualTo("counting…")));
        stop.setOnAction(e -> model.stop());
        MenuButton history = new MenuButton("History");
        history.setId("console-history");
        model.history().addListener((ListChangeListener<String>) c -> fillHistory(history));
        fillHistory(history);
        Spinner<Integer> limit = new Spinner<>(0, 3_600, model.timeLimitSecondsProperty().get(), 10);
        limit.setId("console-time-limit");
        limit.setEditable(true);
        limit.setPrefWidth(90);
        limit.setTooltip(new Tooltip("Seconds a statement may run before it is stopped (0: no limit)"));
        limit.valueProperty().addListener((o, was, now) -> model.timeLimitSecondsProperty().set(now == null ? 0 : now));
        Button export = new Button("Export…");
        export.setId("console-export");
        export.setOnAction(e -> model.chooseAndExport());
        Label total = new Label();
        total.setId("console-total");
        total.textProperty().bind(model.totalProperty());
        Region space = new Region();
        HBox.setHgrow(space, Priority.ALWAYS);
        ToolBar bar = new ToolBar(run, explain, stop, history, new Label("Limit (s)"), limit, export, space, total);

        Label message = new Label();
        message.setId("console-message");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        message.setPadding(new Insets(4, 8, 4, 8));
        model.failedProperty().addListener((o, was, failed) -> {
            message.getStyleClass().remove("console-error");
            if (failed) {
                message.getStyleClass().add("console-error");
            }
        });

        TableView<List<Object>> result = new TableView<>(model.rows());
        result.setId("console-result");
        Label empty = new Label();
        empty.textProperty().bind(Bindings.when(Bindings.isEmpty(model.columns()))
                .then("Run a statement (Ctrl+Enter) to see its rows here.").otherwise("The statement returned no rows."));
        result.setPlaceholder(empty);
        ColumnWidths.fitToContent(result);
        PagedTables.pageOnScroll(result, model.list());
        model.columns().addListener((ListChangeListener<String>) c ->
                result.getColumns().setAll(PagedTables.valueColumns(model.columns(), 0)));

        TreeView<String> plan = new TreeView<>();
        plan.setId("console-plan");
        plan.setShowRoot(false);
        model.plan().addListener((ListChangeListener<PlanStep>) c -> {
            TreeItem<String> root = new TreeItem<>("plan");
            model.plan().forEach(step -> root.getChildren().add(item(step)));
            plan.setRoot(root);
        });

        TabPane below = new TabPane();
        below.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab rowsTab = new Tab("Result", result);
        rowsTab.setId("console-result-tab");
        Tab planTab = new Tab("Plan", plan);
        planTab.setId("console-plan-tab");
        below.getTabs().addAll(rowsTab, planTab);
        model.plan().addListener((ListChangeListener<PlanStep>) c -> below.getSelectionModel().select(planTab));
        model.columns().addListener((ListChangeListener<String>) c -> below.getSelectionModel().select(rowsTab));

        BorderPane results = new BorderPane(below);
        results.setTop(message);
        SplitPane split = new SplitPane(new VirtualizedScrollPane<>(editor), results);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        setTop(bar);
        setCenter(split);
        BorderPane.setAlignment(bar, Pos.CENTER_LEFT);
        // A statement put in from elsewhere (a Health finding's rows), now or before this tab was first shown.
        model.shownProperty().addListener((o, before, sql) -> {
            if (sql != null) {
                setText(sql);
            }
        });
        if (model.shownProperty().get() != null) {
            setText(model.shownProperty().get());
        }
        model.start();
    }

    /** The editor's text (for tests and for a statement put in from the history). */
    public void setText(String text) {
        editor.replaceText(text);
        editor.moveTo(text.length());
        highlight();
    }

    private void run() {
        model.run(editor.getText(), editor.getCaretPosition());
    }

    private void explain() {
        model.explain(editor.getText(), editor.getCaretPosition());
    }

    private void fillHistory(MenuButton history) {
        history.getItems().clear();
        if (model.history().isEmpty()) {
            MenuItem none = new MenuItem("(no statements yet)");
            none.setDisable(true);
            history.getItems().add(none);
        }
        for (String sql : model.history()) {
            String oneLine = sql.replaceAll("\\s+", " ").strip();
            MenuItem item = new MenuItem(oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> setText(sql));
            history.getItems().add(item);
        }
    }

    /** Offers the table and column names that start with the word before the caret. */
    private void complete() {
        int caret = editor.getCaretPosition();
        String text = editor.getText();
        int start = caret;
        while (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '_')) {
            start--;
        }
        String prefix = text.substring(start, caret).toLowerCase(Locale.ROOT);
        int from = start;
        completions.getItems().clear();
        model.names().stream().filter(name -> name.toLowerCase(Locale.ROOT).startsWith(prefix)).limit(30).forEach(name -> {
            CustomMenuItem item = new CustomMenuItem(new Label(name), true);
            item.setOnAction(e -> {
                boolean plain = name.matches("[A-Za-z_][A-Za-z0-9_]*");
                editor.replaceText(from, caret, plain ? name : '"' + name.replace("\"", "\"\"") + '"');
                editor.requestFocus();
            });
            completions.getItems().add(item);
        });
        if (completions.getItems().isEmpty()) {
            return;
        }
        editor.getCaretBounds().ifPresent(bounds -> completions.show(editor, bounds.getMinX(), bounds.getMaxY()));
    }

    private void highlight() {
        editor.setStyleSpans(0, SqlHighlighting.spans(editor.getText()));
    }

    private static TreeItem<String> item(PlanStep step) {
        TreeItem<String> item = new TreeItem<>(step.detail());
        item.setExpanded(true);
        step.children().forEach(child -> item.getChildren().add(item(child)));
        return item;
    }
}
