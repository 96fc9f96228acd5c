package io.ferry.coordinator.config;

import io.ferry.coordinator.catalog.CatalogClient;
import io.ferry.coordinator.outbox.OutboxRelay;
import io.ferry.coordinator.persistence.RunStore;
import io.ferry.coordinator.reports.ReportWriter;
import io.ferry.coordinator.runs.Batches;
import io.ferry.coordinator.runs.LoadSlot;
import io.ferry.coordinator.runs.RunStarter;
import io.ferry.coordinator.runs.RunTasks;
import io.ferry.coordinator.runs.StagedBatches;
import io.ferry.coordinator.runs.StagedSpec;
import io.ferry.coordinator.runs.Sweeper;
import io.ferry.coordinator.saga.RunSaga;
import io.ferry.service.messaging.Publisher;
import io.ferry.service.staging.StagingStores;
import io.ferry.staging.Staging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import io.ferry.coordinator.runs.RunChanged;
import jakarta.enterprise.event.Event;
import javax.sql.DataSource;

/** The plain classes the coordinator is made of, built once from its configuration. */
@ApplicationScoped
public class CoordinatorProducers {

    @Produces
    @ApplicationScoped
    RunSaga saga(CoordinatorConfig config) {
        return new RunSaga(config.retry().backoff(), config.retry().stallLimit());
    }

    @Produces
    @ApplicationScoped
    RunStore runStore(DataSource db, RunSaga saga, Event<RunChanged> changed) {
        return new RunStore(db, saga, () -> changed.fire(RunChanged.INSTANCE));
    }

    /** The staging {@code staging.kind} names: the folder {@code staging.root} (the default) or an S3 bucket. */
    @Produces
    @ApplicationScoped
    Staging staging(CoordinatorConfig config) {
        return StagingStores.open(config.staging(), config.staging().root());
    }

    void closeStaging(@Disposes Staging staging) {
        staging.close();
    }

    @Produces
    @ApplicationScoped
    StagedSpec spec(Staging staging, CoordinatorConfig config) {
        return new StagedSpec(staging, config.specFile());
    }

    @Produces
    @ApplicationScoped
    CatalogClient catalog(Publisher publisher, StagedSpec spec, CoordinatorConfig config) {
        return new CatalogClient(publisher, spec, config.catalog().timeout());
    }

    @Produces
    @ApplicationScoped
    StagedBatches stagedBatches(Staging staging) {
        return new StagedBatches(staging);
    }

    @Produces
    @ApplicationScoped
    RunStarter starter(RunStore runs, StagedSpec spec, Staging staging) {
        return new RunStarter(runs, spec, staging);
    }

    @Produces
    @ApplicationScoped
    Batches batches(DataSource db, RunStarter starter) {
        return new Batches(db, starter);
    }

    @Produces
    @ApplicationScoped
    ReportWriter reports(RunStore runs, Staging staging) {
        return new ReportWriter(runs, staging);
    }

    @Produces
    @ApplicationScoped
    RunTasks tasks(DataSource db, Staging staging, ReportWriter reports) {
        return new RunTasks(db, staging, reports);
    }

    @Produces
    @ApplicationScoped
    LoadSlot loadSlot(DataSource db, RunStore runs) {
        return new LoadSlot(db, runs);
    }

    @Produces
    @ApplicationScoped
    Sweeper sweeper(DataSource db, RunStore runs) {
        return new Sweeper(db, runs);
    }

    @Produces
    @ApplicationScoped
    OutboxRelay relay(DataSource db, Publisher publisher, CoordinatorConfig config) {
        return new OutboxRelay(db, publisher, config.outbox().batchSize(), config.outbox().ackTimeout());
    }
}
