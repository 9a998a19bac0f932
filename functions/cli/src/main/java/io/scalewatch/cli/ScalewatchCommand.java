package io.scalewatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code scalewatch} command line: entry point and error handling shared by every subcommand. */
@Command(name = "scalewatch", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "Watches one autoscaler / FinOps agent identity across AWS, GCP and Azure: its activity and",
            "permissions are judged by Rego rules organised by the seven CSA MAESTRO layers and every finding",
            "is scored with OWASP AIVSS for that agent."},
        subcommands = {
            DemoCommand.class, ScanCommand.class, RulesCommand.class, ScoreCommand.class, BenchCommand.class,
            CoverageCommand.class,
            CommandLine.HelpCommand.class},
        footer = ExitCode.HELP_FOOTER)
public final class ScalewatchCommand implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of internal errors.")
    boolean debug;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        ScalewatchCommand root = new ScalewatchCommand();
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            int code = ErrorReport.exitCode(e);
            cmd.getErr().println("scalewatch: " + ErrorReport.message(e));
            if (code == ExitCode.INTERNAL) {
                if (root.debug) {
                    e.printStackTrace(cmd.getErr());
                } else {
                    cmd.getErr().println("(run again with --debug for the stack trace)");
                }
            }
            cmd.getErr().flush();
            return code;
        });
        return commandLine.execute(args);
    }
}
