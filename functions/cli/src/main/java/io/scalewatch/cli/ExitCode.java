package io.scalewatch.cli;

/**
 * Exit codes of every scalewatch command (also listed in {@code --help} and the README).
 */
public final class ExitCode {
    /** The command did what was asked (a scan may still have findings). */
    public static final int OK = 0;
    /** A scan found something at or above {@code --fail-on}. */
    public static final int FINDINGS = 1;
    /** The command line was wrong (unknown option, missing value). */
    public static final int USAGE = 2;
    /** An input could not be used: missing or unreadable file, malformed posture or profile, bad identity. */
    public static final int INPUT = 3;
    /** scalewatch itself failed (policy bundle missing, evaluation error); run with --debug for details. */
    public static final int INTERNAL = 4;
    /** {@code scan --aws|--gcp|--azure}: a target (account x region, project, workspace) failed; the others ran. */
    public static final int TARGET_FAILED = 5;

    /** The footer every command's help shows. */
    public static final String HELP_FOOTER = "%nExit codes: 0 ok, 1 findings at or above --fail-on, 2 usage error,"
            + " 3 input error (file, posture, profile, identity, AWS config or credentials), 4 internal error (use"
            + " --debug), 5 a live target could not be scanned (scan --aws|--gcp|--azure).";

    private ExitCode() {}
}
