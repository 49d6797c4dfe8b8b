package org.opencirt.incident.internal.mail;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable text of an HTML mail body, for mails that come without a plain-text part: scripts, styles and
 * tags removed, block ends turned into line breaks, entities decoded. Not a renderer; good enough to triage.
 */
final class HtmlText {

    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile(
            "(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|blockquote|pre|table|ul|ol)\\s*>|<(p|div|tr|li|h[1-6])\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", " ");

    private HtmlText() {
    }

    static String toText(String html) {
        String text = HIDDEN.matcher(html).replaceAll("");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = decode(text);
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : text.split("\\r?\\n")) {
            String clean = line.replaceAll("[ \\t\\u00a0]+", " ").strip();
            blank = clean.isEmpty() ? blank + 1 : 0;
            if (blank <= 1) {
                out.append(clean).append('\n');
            }
        }
        return out.toString().strip();
    }

    private static String decode(String text) {
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String entity = matcher.group(1);
            String replacement;
            if (entity.startsWith("#")) {
                try {
                    int code = entity.startsWith("#x") || entity.startsWith("#X")
                            ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                    replacement = Character.isValidCodePoint(code) ? new String(Character.toChars(code))
                            : matcher.group();
                } catch (NumberFormatException e) {
                    replacement = matcher.group();
                }
            } else {
                replacement = NAMED.getOrDefault(entity.toLowerCase(Locale.ROOT), matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
