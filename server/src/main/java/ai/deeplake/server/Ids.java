package ai.deeplake.server;

import java.util.regex.Pattern;

/**
 * The one rule for organization and workspace ids. Both become folder names under the server root,
 * so the rule (the embedded engine's workspace rule) keeps them to one safe path segment: never
 * {@code ..}, a separator or a hidden name.
 */
final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private Ids() {}

    /** @return true when {@code id} may name an organization or a workspace */
    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** @return the rule, as told to a client whose id breaks it */
    static String rule() {
        return "1 to 128 letters, digits, '_', '-' or '.', starting with a letter or digit";
    }
}
