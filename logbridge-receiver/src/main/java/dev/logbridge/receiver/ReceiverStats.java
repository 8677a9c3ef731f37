package dev.logbridge.receiver;

import java.util.Map;
import java.util.TreeMap;

/**
 * The receiver's counters at one instant, since start or the last {@link OtlpReceiver#reset()}.
 *
 * <p>Immutable and thread-safe. Record counts satisfy {@code recordsReceived = recordsRetained +
 * recordsEvicted} exactly; request counters are read one after another and may be a request apart.
 *
 * @param requests HTTP requests that reached the receiver, on any path and with any method
 * @param bytesReceived request body bytes read, as sent (compressed when the request was)
 * @param recordsReceived log records accepted and stored (evicted ones included)
 * @param recordsRetained log records currently kept in memory
 * @param recordsEvicted log records pushed out of memory by newer ones (not a rejection)
 * @param recordsRejected log records refused as invalid and reported back as a partial success
 * @param responsesByStatus responses sent, by HTTP status code
 * @param delayedRequests requests answered late by the delay fault
 * @param erroredRequests requests answered with the error fault's status
 * @param droppedRequests requests whose connection the drop fault closed without an answer
 * @param hungRequests requests held unanswered by the hang fault
 */
public record ReceiverStats(
    long requests,
    long bytesReceived,
    long recordsReceived,
    long recordsRetained,
    long recordsEvicted,
    long recordsRejected,
    Map<Integer, Long> responsesByStatus,
    long delayedRequests,
    long erroredRequests,
    long droppedRequests,
    long hungRequests) {

  /** Creates the counters; the status map is copied into a sorted unmodifiable map. */
  public ReceiverStats {
    responsesByStatus = java.util.Collections.unmodifiableMap(new TreeMap<>(responsesByStatus));
  }

  /** Returns how many responses had {@code status}. */
  public long responses(int status) {
    return responsesByStatus.getOrDefault(status, 0L);
  }

  /** Returns the number of requests that got any fault (a delayed one included). */
  public long faultedRequests() {
    return delayedRequests + erroredRequests + droppedRequests + hungRequests;
  }
}
