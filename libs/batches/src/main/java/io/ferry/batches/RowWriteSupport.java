package io.ferry.batches;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Hands a row's values, already parsed by the column codecs ({@link ColumnCodec#stage}), straight
 * to Parquet's record consumer: no intermediate objects per row. The record says which columns hold a
 * value; the others (SQL NULL) are missing optional fields.
 */
final class RowWriteSupport extends WriteSupport<boolean[]> {

    private final MessageType schema;
    private final Map<String, String> metadata;
    private final ColumnCodec[] codecs;
    private final String[] names;
    private RecordConsumer out;

    RowWriteSupport(MessageType schema, Map<String, String> metadata, ColumnCodec[] codecs) {
        this.schema = schema;
        this.metadata = metadata;
        this.codecs = codecs;
        this.names = schema.getFields().stream().map(Type::getName).toArray(String[]::new);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, metadata);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, metadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(boolean[] present) {
        out.startMessage();
        for (int i = 0; i < codecs.length; i++) {
            if (present[i]) {
                out.startField(names[i], i);
                codecs[i].emit(out);
                out.endField(names[i], i);
            }
        }
        out.endMessage();
    }
}
