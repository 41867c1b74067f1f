package io.cdclab.runtime;

import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Logs each file the resolver downloads for a runtime (a first run fetches a few hundred MB), and sums them up. */
final class DownloadProgress extends AbstractTransferListener {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadProgress.class);

    private final String runtime;
    private final int artifacts;
    private final AtomicInteger downloaded = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    DownloadProgress(String runtime, int artifacts) {
        this.runtime = runtime;
        this.artifacts = artifacts;
    }

    @Override
    public void transferInitiated(TransferEvent event) {
        if (downloaded.get() == 0 && event.getRequestType() == TransferEvent.RequestType.GET) {
            LOG.debug("runtime {}: downloading from {}", runtime, event.getResource().getRepositoryUrl());
        }
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        if (event.getRequestType() != TransferEvent.RequestType.GET || isChecksum(event)) {
            return;
        }
        int count = downloaded.incrementAndGet();
        long total = bytes.addAndGet(event.getTransferredBytes());
        LOG.info("runtime {}: downloaded {} ({}; {} of at most {} files, {} so far) from {}", runtime,
                event.getResource().getResourceName(), megabytes(event.getTransferredBytes()), count, artifacts,
                megabytes(total), event.getResource().getRepositoryId());
    }

    @Override
    public void transferFailed(TransferEvent event) {
        // one repository of several not having a file is normal; a real failure is reported by RuntimeResolver
        if (!isChecksum(event)) {
            LOG.debug("runtime {}: could not download {} from {}: {}", runtime, event.getResource().getResourceName(),
                    event.getResource().getRepositoryUrl(), event.getException().getMessage());
        }
    }

    String summary() {
        return downloaded.get() == 0 ? "all from the local repository"
                : downloaded.get() + " downloaded, " + megabytes(bytes.get());
    }

    private static boolean isChecksum(TransferEvent event) {
        String name = event.getResource().getResourceName();
        return name.endsWith(".sha1") || name.endsWith(".md5") || name.endsWith(".sha256") || name.endsWith(".sha512");
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
