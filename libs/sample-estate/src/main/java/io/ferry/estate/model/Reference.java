package io.ferry.estate.model;

import java.util.List;

/** Fixed reference data: states, lookup rows (shared by all districts), course catalog, text templates. */
public final class Reference {
    private Reference() {
    }

    /** Area codes 458 and 564 are kept for honeytokens and never drawn for anyone else. */
    public record State(String code, String name, int[] areaCodes, String zipPrefix) {
    }

    public static final List<State> STATES = List.of(
            new State("OR", "Oregon", new int[] {503, 541, 971}, "97"),
            new State("WA", "Washington", new int[] {206, 253, 360, 425, 509}, "98"),
            new State("CO", "Colorado", new int[] {303, 719, 720, 970}, "80"),
            new State("MN", "Minnesota", new int[] {612, 651, 763, 952}, "55"),
            new State("NC", "North Carolina", new int[] {336, 704, 828, 919}, "27"),
            new State("OH", "Ohio", new int[] {216, 330, 419, 513, 614}, "43"),
            new State("GA", "Georgia", new int[] {404, 470, 678, 706, 770}, "30"),
            new State("AZ", "Arizona", new int[] {480, 520, 602, 623, 928}, "85"),
            new State("WI", "Wisconsin", new int[] {262, 414, 608, 715, 920}, "53"),
            new State("VA", "Virginia", new int[] {434, 540, 703, 757, 804}, "22"),
            new State("MI", "Michigan", new int[] {248, 313, 517, 616, 734}, "48"),
            new State("TX", "Texas", new int[] {210, 214, 512, 713, 817}, "75"));

    public static final int[] HONEYTOKEN_AREA_CODES = {458, 564, 458};

    /** ids.public.grade_level: code, name, ordinal. */
    public static final List<String[]> GRADE_LEVELS = List.of(
            new String[] {"KG", "Kindergarten", "0"}, new String[] {"01", "Grade 1", "1"}, new String[] {"02", "Grade 2", "2"},
            new String[] {"03", "Grade 3", "3"}, new String[] {"04", "Grade 4", "4"}, new String[] {"05", "Grade 5", "5"},
            new String[] {"06", "Grade 6", "6"}, new String[] {"07", "Grade 7", "7"}, new String[] {"08", "Grade 8", "8"},
            new String[] {"09", "Grade 9", "9"}, new String[] {"10", "Grade 10", "10"}, new String[] {"11", "Grade 11", "11"},
            new String[] {"12", "Grade 12", "12"});

    public static String gradeCode(int grade) {
        return GRADE_LEVELS.get(grade)[0];
    }

    /** hcp1.public.subject: code, name. */
    public static final List<String[]> SUBJECTS = List.of(
            new String[] {"MATH", "Mathematics"}, new String[] {"ELA", "English Language Arts"},
            new String[] {"SCI", "Science"}, new String[] {"SOC", "Social Studies"}, new String[] {"ART", "Visual Arts"},
            new String[] {"MUS", "Music"}, new String[] {"PE", "Physical Education"}, new String[] {"WL", "World Languages"},
            new String[] {"CS", "Computer Science"}, new String[] {"HLTH", "Health"});

    /** title, subject, credits in hundredths, index of the prerequisite in the same list or -1. */
    public record CatalogEntry(String title, String subject, int credits, int prereq) {
    }

    public static final List<CatalogEntry> ELEMENTARY = List.of(
            new CatalogEntry("Mathematics", "MATH", 0, -1), new CatalogEntry("Reading & Writing", "ELA", 0, -1),
            new CatalogEntry("Science Exploration", "SCI", 0, -1), new CatalogEntry("Social Studies", "SOC", 0, -1),
            new CatalogEntry("Art", "ART", 0, -1), new CatalogEntry("General Music", "MUS", 0, -1),
            new CatalogEntry("Physical Education", "PE", 0, -1), new CatalogEntry("Library & Media", "ELA", 0, -1));

    public static final List<CatalogEntry> MIDDLE = List.of(
            new CatalogEntry("Math 6", "MATH", 100, -1), new CatalogEntry("Math 7", "MATH", 100, 0),
            new CatalogEntry("Pre-Algebra", "MATH", 100, 1), new CatalogEntry("English 6", "ELA", 100, -1),
            new CatalogEntry("English 7", "ELA", 100, 3), new CatalogEntry("English 8", "ELA", 100, 4),
            new CatalogEntry("Life Science", "SCI", 100, -1), new CatalogEntry("Earth Science", "SCI", 100, -1),
            new CatalogEntry("Physical Science", "SCI", 100, -1), new CatalogEntry("World Geography", "SOC", 100, -1),
            new CatalogEntry("U.S. History I", "SOC", 100, -1), new CatalogEntry("Concert Band", "MUS", 50, -1),
            new CatalogEntry("Choir", "MUS", 50, -1), new CatalogEntry("Spanish I", "WL", 100, -1),
            new CatalogEntry("Intro to Coding", "CS", 50, -1), new CatalogEntry("Health & Wellness", "HLTH", 50, -1));

    public static final List<CatalogEntry> HIGH = List.of(
            new CatalogEntry("Algebra I", "MATH", 100, -1), new CatalogEntry("Geometry", "MATH", 100, 0),
            new CatalogEntry("Algebra II", "MATH", 100, 1), new CatalogEntry("Pre-Calculus", "MATH", 100, 2),
            new CatalogEntry("AP Calculus AB", "MATH", 100, 3), new CatalogEntry("Statistics", "MATH", 100, 2),
            new CatalogEntry("English 9", "ELA", 100, -1), new CatalogEntry("English 10", "ELA", 100, 6),
            new CatalogEntry("American Literature", "ELA", 100, 7), new CatalogEntry("AP English Literature", "ELA", 100, 8),
            new CatalogEntry("Biology", "SCI", 100, -1), new CatalogEntry("Chemistry", "SCI", 100, 10),
            new CatalogEntry("Physics", "SCI", 100, 11), new CatalogEntry("AP Biology", "SCI", 100, 10),
            new CatalogEntry("Environmental Science", "SCI", 100, -1), new CatalogEntry("World History", "SOC", 100, -1),
            new CatalogEntry("U.S. History", "SOC", 100, -1), new CatalogEntry("Government", "SOC", 50, -1),
            new CatalogEntry("Economics", "SOC", 50, -1), new CatalogEntry("AP Psychology", "SOC", 100, -1),
            new CatalogEntry("Spanish I", "WL", 100, -1), new CatalogEntry("Spanish II", "WL", 100, 20),
            new CatalogEntry("French I", "WL", 100, -1), new CatalogEntry("Computer Science Principles", "CS", 100, -1),
            new CatalogEntry("AP Computer Science A", "CS", 100, 23), new CatalogEntry("Studio Art", "ART", 100, -1),
            new CatalogEntry("Concert Band", "MUS", 100, -1), new CatalogEntry("Theater Arts", "ART", 100, -1),
            new CatalogEntry("Physical Education", "PE", 50, -1), new CatalogEntry("Health", "HLTH", 50, -1));

    public static final String[] SCHOOL_NAME_TAILS_ELEMENTARY = {"Elementary School", "Elementary", "Primary School"};
    public static final String[] SCHOOL_NAME_TAILS_MIDDLE = {"Middle School", "Intermediate School"};
    public static final String[] SCHOOL_NAME_TAILS_HIGH = {"High School", "Senior High School"};
    public static final String[] SCHOOL_NAME_HEADS = {"Oak Grove", "Cedar Ridge", "Riverside", "Lakeview", "Maple Hill",
        "Pine Crest", "Willow Creek", "Sunnyside", "Eastwood", "Westview", "Northgate", "Southridge", "Hillcrest",
        "Meadowbrook", "Fairview", "Highland", "Brookside", "Clearwater", "Stonebridge", "Aspen", "Juniper", "Sequoia",
        "Prairie View", "Harbor", "Canyon", "Mountain View", "Valley", "Evergreen", "Summit", "Bayside"};

    public static final String[] ASSIGNMENT_TITLES = {"Unit %d Quiz", "Chapter %d Review", "Lab Report %d", "Essay %d",
        "Problem Set %d", "Reading Response %d", "Project Milestone %d", "Exit Ticket %d", "Homework %d", "Journal Entry %d"};
    public static final String[] ASSIGNMENT_CATEGORIES = {"homework", "quiz", "test", "project", "lab", "participation"};

    /** Teacher comments: %1$s is the student's first name; some quote a guardian's phone (personal data in free text). */
    public static final String[] COMMENTS = {
        "Great work, %1$s! Your explanation of each step was clear.",
        "%1$s, please show your work next time so I can give partial credit.",
        "Nice improvement since the last unit, %1$s. Keep it up.",
        "%1$s turned this in late; half credit per the syllabus.",
        "Strong thesis, %1$s. Cite at least two more sources in the revision.",
        "%1$s, see me during office hours about questions 4 through 7.",
        "Excellent lab technique, %1$s. Your data table was very well organized.",
        "%1$s was absent for the review; spoke with guardian at %2$s about makeup work.",
        "Left a voicemail for %1$s's family at %2$s regarding the missing pages.",
        "Resubmission accepted. Well done, %1$s.",
        "%1$s, your conclusion needs to connect back to the hypothesis.",
        "Thoughtful reflection, %1$s. I enjoyed reading this."};

    public static final String[] EVENT_TYPES = {"login", "view_grades", "submit_assignment", "view_schedule",
        "message_sent", "logout", "download_report", "update_profile"};
    public static final String[] USER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; CrOS x86_64 15633.69.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
        "FerryK12-iOS/5.12.1 (iPad; iPadOS 17.4)"};
    public static final String[] DEVICES = {"chromebook", "windows", "mac", "ios", "android", "ipad"};
    public static final String[] PUBLIC_IP_FIRST_OCTETS = {"24", "50", "67", "68", "71", "73", "76", "98", "107", "108",
        "174", "184"};
    public static final String[] GUEST_DOMAINS = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com",
        "aol.com", "comcast.net", "protonmail.com"};
}
