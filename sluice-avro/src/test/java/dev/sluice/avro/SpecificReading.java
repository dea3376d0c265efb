package dev.sluice.avro;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** What avro-tools generates for a reading schema, reduced to what the codec uses. */
public final class SpecificReading extends SpecificRecordBase {
    public static final Schema SCHEMA$ = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"SpecificReading\",\"namespace\":\"dev.sluice.avro\","
                    + "\"fields\":[{\"name\":\"sensor\",\"type\":\"string\"},{\"name\":\"celsius\",\"type\":\"double\"}]}");
    private CharSequence sensor;
    private double celsius;

    public SpecificReading() {}

    SpecificReading(String sensor, double celsius) {
        this.sensor = sensor;
        this.celsius = celsius;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return field == 0 ? sensor : celsius;
    }

    @Override
    public void put(int field, Object value) {
        if (field == 0) {
            sensor = (CharSequence) value;
        } else {
            celsius = (Double) value;
        }
    }
}
