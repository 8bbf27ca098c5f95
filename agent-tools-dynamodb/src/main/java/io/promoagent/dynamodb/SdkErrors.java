package io.promoagent.dynamodb;

import io.promoagent.schema.source.DataSourceException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Turns the SDK's exceptions, thrown once its retries are spent, into the library's typed errors (internal to this module). */
public final class SdkErrors {

    private SdkErrors() {
    }

    /** Runs one DynamoDB call; {@code what} names it in the error ("Query on customers/segment-index"). */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(what, e);
        }
    }

    public static DataSourceException translate(String what, SdkException e) {
        if (e instanceof AwsServiceException s) {
            if (s.isThrottlingException()) {
                return new ThrottledException(what + " was throttled by DynamoDB and the retries ran out: "
                        + message(s), e);
            }
            if (s instanceof ResourceNotFoundException) {
                return new DataSourceException(what + " failed: the table or index does not exist (" + message(s) + ")", e);
            }
            return new DataSourceException(what + " failed: " + message(s), e);
        }
        if (e instanceof SdkClientException) {
            return new DataSourceException(what + " failed: DynamoDB could not be reached (" + e.getMessage() + ")", e);
        }
        return new DataSourceException(what + " failed: " + e.getMessage(), e);
    }

    private static String message(AwsServiceException s) {
        if (s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null) {
            String code = s.awsErrorDetails().errorCode();
            return (code == null ? "" : code + ": ") + s.awsErrorDetails().errorMessage();
        }
        return s.getMessage();
    }
}
