package org.aftersaleshub.bench;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * What one measured window produced.
 *
 * @param ok        operations that succeeded in the window (tickets answered 201, or rows committed)
 * @param errors    operations that failed (non-2xx or exception)
 * @param window    length of the measured window
 * @param latencyUs latency histogram in microseconds (successful operations)
 */
record LoadResult(long ok, long errors, Duration window, Histogram latencyUs) {

    double perSecond() {
        return ok / (window.toNanos() / 1e9);
    }

    double percentileMs(double p) {
        return latencyUs.getTotalCount() == 0 ? 0 : latencyUs.getValueAtPercentile(p) / 1000.0;
    }
}
