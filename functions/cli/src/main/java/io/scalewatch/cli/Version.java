package io.scalewatch.cli;

import picocli.CommandLine.IVersionProvider;

/** Version line of {@code scalewatch --version}: the jar's version and the pinned OPA that built its policy. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ScalewatchCommand.class.getPackage().getImplementationVersion();
        return new String[] {"scalewatch " + (version == null ? "dev" : version) + " (policy built with OPA 1.22.3)"};
    }
}
