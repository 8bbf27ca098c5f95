package io.promoagent.schema.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed field of an entity.
 *
 * @param name        the field's name as stored
 * @param type        its type
 * @param description what it means, for people and models
 * @param synonyms    other names people use for it
 * @param visibility  who may see its values
 * @param values      the allowed values of an {@link FieldType#ENUM} field, empty otherwise
 * @param bucket      present when this field is a derived bucket of a date field
 * @param column      the name of its column in a SQL source's table, when it is not the field's name (a
 *                    hint that other sources ignore)
 * @param label       what people read for it in replies ("order date"); a readable form of the name when
 *                    not declared
 */
public record Field(
        String name,
        FieldType type,
        String description,
        List<String> synonyms,
        Visibility visibility,
        List<EnumValue> values,
        Optional<Bucket> bucket,
        Optional<String> column,
        String label) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        synonyms = List.copyOf(synonyms);
        Objects.requireNonNull(visibility, "visibility");
        values = List.copyOf(values);
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(column, "column");
        label = label == null || label.isBlank() ? Labels.readable(name) : label.strip();
    }

    /** A field stored under its own name and labelled with a readable form of it. */
    public Field(String name, FieldType type, String description, List<String> synonyms, Visibility visibility,
                 List<EnumValue> values, Optional<Bucket> bucket) {
        this(name, type, description, synonyms, visibility, values, bucket, Optional.empty(), null);
    }

    /** A model-visible field of the given type with no description, synonyms or values. */
    public static Field of(String name, FieldType type) {
        return new Field(name, type, "", List.of(), Visibility.MODEL, List.of(), Optional.empty());
    }

    /** The canonical enum value that {@code word} names, by value or synonym, ignoring case. */
    public Optional<String> canonicalValue(String word) {
        for (EnumValue v : values) {
            if (v.value().equalsIgnoreCase(word)) {
                return Optional.of(v.value());
            }
        }
        for (EnumValue v : values) {
            for (String s : v.synonyms()) {
                if (s.equalsIgnoreCase(word)) {
                    return Optional.of(v.value());
                }
            }
        }
        return Optional.empty();
    }

    public boolean isVisibleToModel() {
        return visibility == Visibility.MODEL;
    }

    public Field withDescription(String newDescription) {
        return new Field(name, type, newDescription, synonyms, visibility, values, bucket, column, label);
    }

    public Field withSynonyms(String... newSynonyms) {
        return new Field(name, type, description, List.of(newSynonyms), visibility, values, bucket, column, label);
    }

    public Field withVisibility(Visibility newVisibility) {
        return new Field(name, type, description, synonyms, newVisibility, values, bucket, column, label);
    }

    public Field withValues(EnumValue... newValues) {
        return new Field(name, type, description, synonyms, visibility, List.of(newValues), bucket, column, label);
    }

    /** This field with the label people read for it ("order date" for "order_date"). */
    public Field withLabel(String newLabel) {
        return new Field(name, type, description, synonyms, visibility, values, bucket, column, newLabel);
    }

    public Field withBucket(Bucket newBucket) {
        return new Field(name, type, description, synonyms, visibility, values, Optional.of(newBucket), column, label);
    }

    /** The field stored in a SQL source under {@code name} (the YAML key {@code column}). */
    public Field withColumn(String name) {
        return new Field(this.name, type, description, synonyms, visibility, values, bucket, Optional.of(name), label);
    }
}
