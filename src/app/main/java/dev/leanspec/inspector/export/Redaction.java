package dev.leanspec.inspector.export;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets taken out of what is written ({@code --redact}): API keys and tokens by the patterns of
 * gitleaks v8.30.1 ({@code config/gitleaks.toml}, MIT licence, Copyright (c) 2019 Zachary Rice),
 * rule by rule as named below, and the user's home folder written {@code ~}. Each secret becomes
 * {@code [redacted:RULE]}; only how many of each rule were found is kept, never the values.
 */
public final class Redaction {

    /**
     * One rule: gitleaks' id, its regex, and the group holding the secret (0: the whole match).
     * {@code minEntropy} &gt; 0 keeps only values at least that random (gitleaks' generic-api-key
     * says 3.5 bits a character: words and paths are not secrets).
     */
    private record Rule(String id, Pattern pattern, int group, double minEntropy) {
        Rule(String id, String regex, int group) {
            this(id, Pattern.compile(regex), group, 0);
        }
    }

    /** gitleaks' {@code (?:[\x60'"\s;]|\\[nr]|$)}: what may follow a key. */
    private static final String END = "(?:[`'\"\\s;]|\\\\[nr]|$)";

    private static final List<Rule> RULES = List.of(
            new Rule("private-key", "(?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\\s\\S-]{64,}?KEY(?: BLOCK)?-----", 0),
            new Rule("anthropic-admin-api-key", "\\b(sk-ant-admin01-[a-zA-Z0-9_\\-]{93}AA)" + END, 1),
            new Rule("anthropic-api-key", "\\b(sk-ant-api03-[a-zA-Z0-9_\\-]{93}AA)" + END, 1),
            new Rule("openai-api-key", "\\b(sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\\b"
                    + "|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})" + END, 1),
            new Rule("github-fine-grained-pat", "github_pat_\\w{82}", 0),
            new Rule("github-pat", "ghp_[0-9a-zA-Z]{36}", 0),
            new Rule("github-oauth", "gho_[0-9a-zA-Z]{36}", 0),
            new Rule("github-app-token", "(?:ghu|ghs)_[0-9a-zA-Z]{36}", 0),
            new Rule("github-refresh-token", "ghr_[0-9a-zA-Z]{36}", 0),
            new Rule("aws-access-token", "\\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b", 1),
            new Rule("slack-bot-token", "xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*", 0),
            new Rule("slack-user-token", "xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}", 0),
            new Rule("slack-app-token", "(?i)xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+", 0),
            new Rule("slack-webhook-url", "(?:https?://)?hooks.slack.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}", 0),
            new Rule("gcp-api-key", "\\b(AIza[\\w-]{35})" + END, 1),
            new Rule("stripe-access-token", "\\b((?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})" + END, 1),
            new Rule("npm-access-token", "(?i)\\b(npm_[a-z0-9]{36})" + END, 1),
            new Rule("jwt", "\\b(ey[a-zA-Z0-9]{17,}\\.ey[a-zA-Z0-9/\\\\_-]{17,}\\.(?:[a-zA-Z0-9/\\\\_-]{10,}={0,2})?)" + END, 1),
            // The Bearer part of gitleaks' curl-auth-header, wherever it is written (a header, a log line).
            new Rule("bearer-token", "(?i)\\bBearer[ \\t]+([\\w=~@.+/-]{8,})", 1),
            // gitleaks' generic-api-key: password=, token: , API_KEY= … (.env lines too), when the value is random enough.
            new Rule("generic-api-key", Pattern.compile("(?i)[\\w.-]{0,50}?(?:access|auth|(?-i:[Aa]pi|API)|credential|creds|key|passw(?:or)?d|secret|token)"
                    + "(?:[ \\t\\w.-]{0,20})[\\s'\"]{0,3}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[`'\"\\s=]{0,5}([\\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,}={0,3})"
                    + END), 1, 3.5));

    /** A value of a rule that is a word or a path, never a secret (gitleaks' allowlist of generic-api-key). */
    private static final Pattern PLAIN = Pattern.compile("^[a-zA-Z_.-]+$");

    private final Pattern home;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    private Redaction(Path home) {
        String folder = home == null ? "" : home.toAbsolutePath().normalize().toString();
        // The home folder as a whole path segment: /home/me and /home/me/x, not /home/mel.
        this.home = folder.length() <= 1 ? null : Pattern.compile(Pattern.quote(folder) + "(?=[/\\\\]|$|[^\\w.-])");
    }

    /** {@return a redaction of the well-known secrets and of {@code home} (the user's home folder; null for none)} */
    public static Redaction of(Path home) {
        return new Redaction(home);
    }

    /** {@return {@code text} with its secrets replaced; null for null} */
    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Rule rule : RULES) {
            result = replace(result, rule);
        }
        if (home != null) {
            Matcher matcher = home.matcher(result);
            if (matcher.find()) {
                StringBuilder out = new StringBuilder();
                do {
                    count("home-folder");
                    matcher.appendReplacement(out, "~");
                } while (matcher.find());
                matcher.appendTail(out);
                result = out.toString();
            }
        }
        return result;
    }

    private String replace(String text, Rule rule) {
        Matcher matcher = rule.pattern().matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            int start = matcher.start(rule.group());
            int end = matcher.end(rule.group());
            String secret = matcher.group(rule.group());
            if (start < last || secret == null || rule.minEntropy() > 0 && (PLAIN.matcher(secret).matches()
                    || secret.startsWith("[redacted") || entropy(secret) < rule.minEntropy())) {
                continue;
            }
            out.append(text, last, start).append("[redacted:").append(rule.id()).append(']');
            last = end;
            count(rule.id());
        } while (matcher.find());
        return out.append(text, last, text.length()).toString();
    }

    /** Shannon entropy in bits a character, as gitleaks computes it. */
    static double entropy(String text) {
        Map<Character, Integer> seen = new TreeMap<>();
        for (char c : text.toCharArray()) {
            seen.merge(c, 1, Integer::sum);
        }
        double bits = 0;
        for (int n : seen.values()) {
            double p = (double) n / text.length();
            bits -= p * (Math.log(p) / Math.log(2));
        }
        return bits;
    }

    private void count(String rule) {
        counts.computeIfAbsent(rule, r -> new LongAdder()).increment();
    }

    /**
     * {@return a record with every text in it redacted, records, lists, maps and optionals inside
     * it too; other values (times, enum-like types) as they are}
     */
    @SuppressWarnings("unchecked")
    public <T> T apply(T value) {
        return (T) deep(value);
    }

    /** {@return {@code value} redacted by {@code redaction}, or as it is when that is null (nothing asked)} */
    public static <T> T apply(Redaction redaction, T value) {
        return redaction == null ? value : redaction.apply(value);
    }

    private Object deep(Object value) {
        return switch (value) {
            case null -> null;
            case String text -> apply(text);
            // A stored time, a status, a level: values LeanSpec chose, never a secret.
            case dev.leanspec.inspector.persistence.Timestamp time -> time;
            case dev.leanspec.inspector.persistence.Code code -> code;
            case Record record -> rebuild(record);
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(item -> copy.add(deep(item)));
                yield java.util.Collections.unmodifiableList(copy);
            }
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, deep(v)));
                yield copy;
            }
            case Optional<?> optional -> optional.map(this::deep);
            default -> value;
        };
    }

    private Object rebuild(Record record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = deep(components[i].getAccessor().invoke(record));
                types[i] = components[i].getType();
            }
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not redact a " + record.getClass().getSimpleName(), e);
        }
    }

    /** {@return how many of each kind were replaced, by rule id (and "home-folder"), in order} */
    public Map<String, Long> counts() {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((rule, n) -> result.put(rule, n.sum()));
        return result;
    }

    /** {@return the counts for people: "2 github-pat, 1 private-key, 14 home-folder"; "nothing" for none} */
    public String summary() {
        Map<String, Long> all = counts();
        return all.isEmpty() ? "nothing" : String.join(", ", all.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }
}
