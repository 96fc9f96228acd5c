package io.ferry.anonymize.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A field or table name as words: snake_case, camelCase, kebab-case and digits split
 * ({@code emergencyContactPhone2} gives {@code emergency, contact, phone}), lower-cased, plurals made
 * singular, and the usual abbreviations spelled out ({@code fname} is {@code first name}, {@code dob} is
 * {@code birth date}, {@code e_mail} is {@code email}, {@code tel} is {@code phone}, {@code nm} is
 * {@code name}, {@code no} is {@code number}).
 */
public final class NameTokens {

    /** Abbreviations and run-together words, spelled out. */
    private static final Map<String, List<String>> EXPAND = Map.ofEntries(
            Map.entry("fname", List.of("first", "name")),
            Map.entry("firstname", List.of("first", "name")),
            Map.entry("givenname", List.of("given", "name")),
            Map.entry("forename", List.of("first", "name")),
            Map.entry("lname", List.of("last", "name")),
            Map.entry("lastname", List.of("last", "name")),
            Map.entry("surname", List.of("last", "name")),
            Map.entry("familyname", List.of("family", "name")),
            Map.entry("mname", List.of("middle", "name")),
            Map.entry("middlename", List.of("middle", "name")),
            Map.entry("fullname", List.of("full", "name")),
            Map.entry("displayname", List.of("display", "name")),
            Map.entry("nickname", List.of("nick", "name")),
            Map.entry("nm", List.of("name")),
            Map.entry("username", List.of("user", "name")),
            Map.entry("uname", List.of("user", "name")),
            Map.entry("usr", List.of("user")),
            Map.entry("loginname", List.of("login", "name")),
            Map.entry("logon", List.of("login")),
            Map.entry("userid", List.of("user", "id")),
            Map.entry("dob", List.of("birth", "date")),
            Map.entry("birthdate", List.of("birth", "date")),
            Map.entry("birthday", List.of("birth", "date")),
            Map.entry("bday", List.of("birth", "date")),
            Map.entry("bdate", List.of("birth", "date")),
            Map.entry("dt", List.of("date")),
            Map.entry("emailaddress", List.of("email", "address")),
            Map.entry("emailaddr", List.of("email", "address")),
            Map.entry("tel", List.of("phone")),
            Map.entry("telephone", List.of("phone")),
            Map.entry("phonenumber", List.of("phone", "number")),
            Map.entry("phoneno", List.of("phone", "number")),
            Map.entry("cellphone", List.of("cell", "phone")),
            Map.entry("mobilephone", List.of("mobile", "phone")),
            Map.entry("no", List.of("number")),
            Map.entry("num", List.of("number")),
            Map.entry("nbr", List.of("number")),
            Map.entry("addr", List.of("address")),
            Map.entry("streetaddress", List.of("street", "address")),
            Map.entry("zipcode", List.of("zip", "code")),
            Map.entry("postcode", List.of("postal", "code")),
            Map.entry("postalcode", List.of("postal", "code")),
            Map.entry("socialsecurity", List.of("social", "security")),
            Map.entry("ipaddr", List.of("ip", "address")),
            Map.entry("ipaddress", List.of("ip", "address")),
            Map.entry("msg", List.of("message")));

    /** Words whose plural is not a trailing s, and words ending in s that are singular. */
    private static final Set<String> KEEP = Set.of("address", "status", "class", "business", "campus", "ssn", "sms",
            "alias", "bus", "gps", "os", "is", "has", "this", "was", "series", "news", "process", "access", "progress");

    private NameTokens() {
    }

    /** The words of {@code name}, in order (numbers dropped). */
    public static List<String> of(String name) {
        List<String> raw = split(name);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String t = raw.get(i);
            if (t.equals("e") && i + 1 < raw.size() && raw.get(i + 1).equals("mail")) {
                out.add("email");
                i++;
                continue;
            }
            List<String> expanded = EXPAND.get(t);
            if (expanded == null) {
                expanded = EXPAND.get(singular(t));
            }
            if (expanded != null) {
                out.addAll(expanded);
            } else {
                out.add(singular(t));
            }
        }
        return out;
    }

    /** Splits at separators, lower-to-upper case changes, the end of an acronym and letter/digit changes; drops numbers. */
    private static List<String> split(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int n = name.length();
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(current, parts);
                continue;
            }
            if (current.length() > 0) {
                char prev = current.charAt(current.length() - 1);
                boolean boundary = (Character.isLowerCase(prev) && Character.isUpperCase(c))
                        || (Character.isLetter(prev) != Character.isLetter(c))
                        || (Character.isUpperCase(prev) && Character.isUpperCase(c) && i + 1 < n
                                && Character.isLowerCase(name.charAt(i + 1)));
                if (boundary) {
                    flush(current, parts);
                }
            }
            current.append(c);
        }
        flush(current, parts);
        return parts;
    }

    private static void flush(StringBuilder current, List<String> parts) {
        if (current.length() > 0) {
            String t = current.toString().toLowerCase(Locale.ROOT);
            current.setLength(0);
            if (!t.chars().allMatch(Character::isDigit)) {
                parts.add(t);
            }
        }
    }

    static String singular(String t) {
        if (t.length() <= 3 || KEEP.contains(t) || t.endsWith("ss") || t.endsWith("us")) {
            return t;
        }
        if (t.endsWith("ies")) {
            return t.substring(0, t.length() - 3) + "y";
        }
        if (t.endsWith("sses") || t.endsWith("xes") || t.endsWith("ches") || t.endsWith("shes")) {
            return t.substring(0, t.length() - 2);
        }
        if (t.endsWith("s")) {
            return t.substring(0, t.length() - 1);
        }
        return t;
    }
}
