package io.promoagent.dynamodb;

/** A read that returns its items a page (one request) at a time: a query of one partition, a scan segment, key lookups. */
interface PageStream {

    /**
     * Reads the next page; called only while {@link #exhausted()} is false.
     *
     * @param limit the most items this page should return (a DynamoDB {@code Limit}), 0 for no limit
     */
    Page next(int limit);

    boolean exhausted();
}
