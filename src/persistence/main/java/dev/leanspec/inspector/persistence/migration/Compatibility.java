package dev.leanspec.inspector.persistence.migration;

import java.util.ArrayList;
import java.util.List;

/**
 * Which LeanSpec releases can read and write a file as it is now, and after {@code migrate} has
 * brought it to the newest version: what a user must know before migrating a file that a running
 * LeanSpec still writes.
 *
 * @param worksNow   releases (e.g. {@code "0.2.23"}) that read and write the file as it is; empty
 *                   for a file of no known shape
 * @param worksAfter the same once migrated; equal to {@code worksNow} when nothing is pending
 */
public record Compatibility(List<String> worksNow, List<String> worksAfter) {

    /** Copies the lists. */
    public Compatibility {
        worksNow = List.copyOf(worksNow);
        worksAfter = List.copyOf(worksAfter);
    }

    /** {@return the releases that work on the file now but will not once it is migrated; empty when none} */
    public List<String> breaks() {
        List<String> broken = new ArrayList<>(worksNow);
        broken.removeAll(worksAfter);
        return List.copyOf(broken);
    }

    /**
     * One or two sentences for a person: who can use the file afterwards, and, when a release
     * will stop working, that LeanSpec should be upgraded first. Empty when nothing is known.
     *
     * @return a sentence for the user: which releases go on working, which stop
     */
    public String sentence() {
        if (worksNow.isEmpty() && worksAfter.isEmpty()) {
            return "";
        }
        String after = "After migrating, LeanSpec " + LeanSpecReleases.range(worksAfter) + " can read and write it.";
        List<String> broken = breaks();
        if (broken.isEmpty()) {
            return after + " No release that uses it now is left out.";
        }
        return after + " LeanSpec " + LeanSpecReleases.range(broken) + " will no longer work on it: upgrade LeanSpec to "
                + worksAfter.getFirst() + " or later first (and stop it while migrating).";
    }
}
