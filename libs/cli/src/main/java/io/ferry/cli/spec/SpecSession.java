package io.ferry.cli.spec;

import io.ferry.cli.ExitCodes;
import io.ferry.cli.FerryException;
import io.ferry.schema.introspect.Neo4jIntrospector;
import io.ferry.schema.introspect.PostgresIntrospector;
import io.ferry.schema.model.EstateSchema;
import io.ferry.schema.model.StoreKind;
import io.ferry.schema.model.StoreSchema;
import io.ferry.spec.SpecException;
import io.ferry.spec.connect.StoreConnector;
import io.ferry.spec.connect.StoreUnavailableException;
import io.ferry.spec.model.Spec;
import io.ferry.spec.model.Store;
import io.ferry.spec.parse.Resolver;
import io.ferry.spec.parse.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.neo4j.driver.Driver;

/**
 * What the spec-driven commands share: reading the spec (its errors become exit code 1) and
 * introspecting PROD read-only (an unreachable store is exit code 3, refused credentials 4).
 */
public final class SpecSession {

    private final Path file;
    private final Spec spec;

    private SpecSession(Path file, Spec spec) {
        this.file = file;
        this.spec = spec;
    }

    public static SpecSession open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FerryException(ExitCodes.NOT_FOUND, "no spec at " + file.toAbsolutePath()
                    + "; pass --spec with the path of a ferry.yaml ('ferry estate up' writes one into .ferry/estate/)");
        }
        try {
            return new SpecSession(file, SpecParser.parse(file));
        } catch (SpecException e) {
            throw specErrors(e.getMessage(), e.errors().size());
        }
    }

    public Spec spec() {
        return spec;
    }

    public Path file() {
        return file;
    }

    static FerryException specErrors(String lines, int count) {
        return new FerryException(ExitCodes.NOT_OK, count + " error(s) in the spec:\n" + lines);
    }

    /** Introspects every PROD store of the spec in read-only sessions, plus the spec's own references. */
    public EstateSchema introspectProd() {
        Resolver resolver = Resolver.forFolder(file.toAbsolutePath().getParent());
        List<StoreSchema> stores = new ArrayList<>();
        for (Store store : spec.stores().values()) {
            try {
                stores.add(introspect(store, resolver));
            } catch (StoreUnavailableException e) {
                throw new FerryException(e.reason() == StoreUnavailableException.Reason.REFUSED
                        ? ExitCodes.REFUSED : ExitCodes.UNREACHABLE, e.getMessage());
            }
        }
        EstateSchema schema = new EstateSchema(stores, List.of());
        return schema.withSpecReferences(spec.specReferences(schema));
    }

    private static StoreSchema introspect(Store store, Resolver resolver) {
        if (store.kind() == StoreKind.NEO4J) {
            try (Driver driver = StoreConnector.openNeo4j(store.name(), "prod", resolver.resolve(store.prod()))) {
                return new Neo4jIntrospector().introspect(driver, store.name());
            }
        }
        try (Connection c = StoreConnector.openPostgres(store.name(), "prod", resolver.resolve(store.prod()), true)) {
            return new PostgresIntrospector().introspect(c, store.name(), store.schemas());
        } catch (SQLException e) {
            throw new FerryException(ExitCodes.NOT_OK, "store " + store.name() + " (prod): reading the catalog failed"
                    + " (SQLSTATE " + e.getSQLState() + "); does the user have USAGE on the schemas "
                    + store.schemas() + "?");
        }
    }
}
