package dev.rgrid.server.testing.hetzner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hetzner's label selectors: expressions separated by commas, all of which must hold: {@code k=v}, {@code k==v},
 * {@code k!=v}, {@code k} (present), {@code !k} (absent), {@code k in (a,b)}, {@code k notin (a,b)}.
 */
final class LabelSelector {
    private static final Pattern SET = Pattern.compile("\\s*([^\\s!=]+)\\s+(in|notin)\\s+\\(([^)]*)\\)\\s*");

    private LabelSelector() {}

    /** Whether {@code labels} satisfy {@code selector}; null when the selector cannot be read. */
    static Boolean matches(String selector, Map<String, String> labels) {
        for (String expression : split(selector)) {
            String e = expression.trim();
            if (e.isEmpty()) return null;
            Matcher set = SET.matcher(e);
            if (set.matches()) {
                Set<String> values = Set.of(set.group(3).replace(" ", "").split(","));
                boolean in = labels.containsKey(set.group(1)) && values.contains(labels.get(set.group(1)));
                if (set.group(2).equals("in") != in) return false;
            } else if (e.contains("!=")) {
                String[] kv = e.split("!=", 2);
                if (kv[1].trim().equals(labels.get(kv[0].trim()))) return false;
            } else if (e.contains("=")) {
                String[] kv = e.split("==?", 2);
                if (!kv[1].trim().equals(labels.get(kv[0].trim()))) return false;
            } else if (e.startsWith("!")) {
                if (labels.containsKey(e.substring(1).trim())) return false;
            } else if (!labels.containsKey(e)) {
                return false;
            }
        }
        return true;
    }

    /** Commas separate expressions, except inside the parentheses of {@code in (...)}. */
    private static List<String> split(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : selector.toCharArray()) {
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
