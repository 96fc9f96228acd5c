package io.ferry.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.anonymize.classify.Field;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.TableId;
import io.ferry.schema.model.TableKind;
import io.ferry.spec.model.AnonymizeRule;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * What {@code ferry classify} prints: for every field that looks personal and that no rule covers, the rule
 * to add to {@code anonymize.rules} (type, the type's default strategy and, for a date shift, the table's key
 * as its entity), with why the field looks personal; the fields already covered; with {@code all}, every
 * other field and why it does not look personal. Names, types, reasons and counts only, never a value.
 */
public final class ClassificationReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Assessment> assessments;
    private final Map<TableId, Table> tables = new LinkedHashMap<>();

    /** @param tables the tables and labels classified (their primary keys give date shifts an entity) */
    public ClassificationReport(List<Assessment> assessments, Collection<Table> tables) {
        this.assessments = assessments.stream().sorted(Assessment.ORDER).toList();
        tables.forEach(t -> this.tables.put(t.id(), t));
    }

    public List<Assessment> assessments() {
        return assessments;
    }

    /** Fields that look personal and have no rule, in order. */
    public List<Assessment> unruled() {
        return assessments.stream().filter(Assessment::unruledPersonal).toList();
    }

    /** Fields that look personal and have a rule. */
    public List<Assessment> covered() {
        return assessments.stream().filter(Assessment::covered).toList();
    }

    /** Fields that do not look personal (a rule may still name them). */
    public List<Assessment> notPersonal() {
        return assessments.stream().filter(a -> !a.classification().personal()).toList();
    }

    /** The rules to add, one per {@link #unruled()} field. */
    public List<AnonymizeRule> proposedRules() {
        return unruled().stream().map(this::proposedRule).toList();
    }

    /**
     * The rule that covers an unruled field: {@code column} (with {@code path} for a JSON leaf) or
     * {@code property}, the suggested type and its strategy; a date shift of a table with a one-column
     * primary key also names that key as its {@code entity}, so one row's dates move together.
     */
    public AnonymizeRule proposedRule(Assessment a) {
        Field f = a.field();
        Classification c = a.classification();
        if (!c.personal()) {
            throw new IllegalArgumentException(f + " does not look personal");
        }
        String entity = null;
        Table table = tables.get(f.table());
        if (c.strategy().startsWith("date-shift") && table != null && table.kind() != TableKind.LABEL
                && table.primaryKey() != null && table.primaryKey().columns().size() == 1) {
            entity = column(f.table(), table.primaryKey().columns().get(0));
        }
        return switch (f.kind()) {
            case COLUMN -> new AnonymizeRule(column(f.table(), f.name()), null, null, c.type(), c.strategy(), entity);
            case JSON_PATH -> new AnonymizeRule(column(f.table(), f.name()), null, f.jsonPath(), c.type(), c.strategy(),
                    entity);
            case PROPERTY -> new AnonymizeRule(null, f.location(), null, c.type(), c.strategy(), null);
        };
    }

    private static String column(TableId table, String column) {
        return table + "." + TableId.quote(column);
    }

    /**
     * The proposals as YAML to paste under the spec's {@code anonymize.rules}: a document
     * {@code anonymize: {rules: [...]}} whose rules are flow mappings as the checked-in specs write them,
     * each followed by a comment saying why; comments above say what to do, comments below list the covered
     * fields (and with {@code all} every other field). Written by SnakeYAML, comments included.
     */
    public String yaml(boolean all) {
        List<Node> rules = new ArrayList<>();
        for (Assessment a : unruled()) {
            MappingNode rule = new MappingNode(Tag.MAP, tuples(proposedRule(a)), DumperOptions.FlowStyle.FLOW);
            rule.setInLineComments(List.of(new CommentLine(null, null, " " + a.classification().why(),
                    CommentType.IN_LINE)));
            rules.add(rule);
        }
        SequenceNode list = new SequenceNode(Tag.SEQ, rules,
                rules.isEmpty() ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
        MappingNode anonymize = new MappingNode(Tag.MAP, List.of(new NodeTuple(scalar("rules"), list)),
                DumperOptions.FlowStyle.BLOCK);
        ScalarNode key = scalar("anonymize");
        key.setBlockComments(comments(header()));
        MappingNode root = new MappingNode(Tag.MAP, List.of(new NodeTuple(key, anonymize)), DumperOptions.FlowStyle.BLOCK);
        root.setEndComments(comments(footer(all)));

        DumperOptions options = new DumperOptions();
        options.setProcessComments(true);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        StringWriter out = new StringWriter();
        new Yaml(options).serialize(root, out);
        return out.toString();
    }

    private List<String> header() {
        List<String> lines = new ArrayList<>();
        int unruled = unruled().size();
        if (unruled == 0) {
            lines.add("ferry classify: " + assessments.size() + " field(s) sampled; every field that looks personal ("
                    + covered().size() + ") has an anonymization rule. Nothing to add.");
            return lines;
        }
        lines.add("ferry classify: " + assessments.size() + " field(s) sampled; " + unruled
                + " look personal and no anonymization rule covers them.");
        lines.add("Add these rules under anonymize.rules of the spec. Each names its type's default strategy;");
        lines.add("change it where the data needs another, or write \"keep: REASON\" where a field is not personal.");
        return lines;
    }

    private List<String> footer(boolean all) {
        List<String> lines = new ArrayList<>();
        List<Assessment> covered = covered();
        lines.add("Covered by a rule already (" + covered.size() + "):");
        covered.forEach(a -> lines.add("  " + a.field().location() + ": " + a.rule().orElseThrow().rule().type()
                + " (looks like " + a.classification().type() + ", " + a.classification().basis().label() + ")"));
        if (all) {
            List<Assessment> others = notPersonal();
            lines.add("Not personal (" + others.size() + "):");
            others.forEach(a -> lines.add("  " + a.field().location() + ": " + a.classification().reason()
                    + a.rule().map(r -> "; a rule names it as " + r.rule().type()).orElse("")));
        }
        return lines;
    }

    private static List<NodeTuple> tuples(AnonymizeRule r) {
        List<NodeTuple> t = new ArrayList<>();
        if (r.column() != null) {
            t.add(new NodeTuple(scalar("column"), scalar(r.column())));
        }
        if (r.path() != null) {
            t.add(new NodeTuple(scalar("path"), scalar(r.path())));
        }
        if (r.property() != null) {
            t.add(new NodeTuple(scalar("property"), scalar(r.property())));
        }
        t.add(new NodeTuple(scalar("type"), scalar(r.type())));
        t.add(new NodeTuple(scalar("strategy"), scalar(r.strategy())));
        if (r.entity() != null) {
            t.add(new NodeTuple(scalar("entity"), scalar(r.entity())));
        }
        return t;
    }

    private static ScalarNode scalar(String value) {
        return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    private static List<CommentLine> comments(List<String> lines) {
        return lines.stream().map(l -> new CommentLine(null, null, " " + l, CommentType.BLOCK)).toList();
    }

    /**
     * The same as JSON: {@code {"fields": N, "proposed": [{store, table, field, location, type, strategy, basis,
     * reason, rule: {column|property, path, type, strategy, entity}}], "covered": [{..., "ruleType"}]}}, and with
     * {@code all} {@code "notPersonal": [{store, table, field, location, reason}]}.
     */
    public String json(boolean all) {
        ObjectNode root = JSON.createObjectNode();
        root.put("fields", assessments.size());
        ArrayNode proposed = root.putArray("proposed");
        for (Assessment a : unruled()) {
            ObjectNode n = entry(proposed, a);
            AnonymizeRule r = proposedRule(a);
            ObjectNode rule = n.putObject("rule");
            if (r.column() != null) {
                rule.put("column", r.column());
            }
            if (r.path() != null) {
                rule.put("path", r.path());
            }
            if (r.property() != null) {
                rule.put("property", r.property());
            }
            rule.put("type", r.type()).put("strategy", r.strategy());
            if (r.entity() != null) {
                rule.put("entity", r.entity());
            }
        }
        ArrayNode covered = root.putArray("covered");
        covered().forEach(a -> entry(covered, a).put("ruleType", a.rule().orElseThrow().rule().type()));
        if (all) {
            ArrayNode others = root.putArray("notPersonal");
            notPersonal().forEach(a -> entry(others, a));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("writing the classification as JSON", e);
        }
    }

    private static ObjectNode entry(ArrayNode array, Assessment a) {
        Field f = a.field();
        Classification c = a.classification();
        ObjectNode n = array.addObject();
        n.put("store", f.store()).put("table", f.tableText()).put("field", f.fieldText()).put("location", f.location());
        if (c.personal()) {
            n.put("type", c.type()).put("strategy", c.strategy()).put("basis", c.basis().label());
        }
        n.put("reason", c.reason());
        return n;
    }
}
