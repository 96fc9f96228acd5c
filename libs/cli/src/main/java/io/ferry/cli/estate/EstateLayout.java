package io.ferry.cli.estate;

import java.nio.file.Path;
import java.util.List;

/** Where an estate keeps its files inside its directory ({@code --dir}, default {@code ./.ferry/estate}). */
public record EstateLayout(Path dir) {

    public static final Path DEFAULT_DIR = Path.of(".ferry", "estate");

    public EstateLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path properties() {
        return dir.resolve("estate.properties");
    }

    public Path log() {
        return dir.resolve("estate.log");
    }

    /** Districts and row counts, for the table {@code estate up} prints. */
    public Path summary() {
        return dir.resolve("estate-summary.json");
    }

    public Path prodPostgres() {
        return dir.resolve("data/prod-pg");
    }

    public Path certPostgres() {
        return dir.resolve("data/cert-pg");
    }

    public Path prodNeo4j() {
        return dir.resolve("data/prod-sp");
    }

    public Path certNeo4j() {
        return dir.resolve("data/cert-sp");
    }

    public Path kafka() {
        return dir.resolve("data/kafka");
    }

    public Path staging() {
        return dir.resolve("staging");
    }

    public Path spec() {
        return dir.resolve("ferry.yaml");
    }

    /** Everything the estate writes, deleted by {@code estate down}. */
    public List<Path> ownedPaths() {
        return List.of(properties(), log(), summary(), dir.resolve("data"), staging(), spec(),
                dir.resolve("ferry-strict.yaml"), dir.resolve("planted.json"), dir.resolve("honeytokens.json"));
    }
}
