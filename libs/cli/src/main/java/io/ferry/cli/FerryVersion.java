package io.ferry.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (the Maven project version). */
public final class FerryVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = FerryCli.class.getPackage().getImplementationVersion();
        return new String[] {"ferry " + (v == null ? "dev" : v)};
    }
}
