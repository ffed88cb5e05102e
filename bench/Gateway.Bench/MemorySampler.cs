using System.Diagnostics;

namespace Gateway.Bench;

/// <summary>Peak memory figures of one process over one measured run, in bytes.</summary>
/// <param name="PeakLiveBytes">Max of <see cref="GC.GetTotalMemory(bool)"/> right after a forced full collection.</param>
/// <param name="PeakHeapSizeBytes">Max of <see cref="GCMemoryInfo.HeapSizeBytes"/>, which includes garbage not yet collected.</param>
/// <param name="PeakWorkingSetBytes"><see cref="Process.PeakWorkingSet64"/> at the end of the run.</param>
/// <param name="Samples">How many samples were taken.</param>
/// <param name="WorkingSetSinceStart">True when the working-set peak could not be reset and covers the whole process life.</param>
internal sealed record MemoryPeaks(long PeakLiveBytes, long PeakHeapSizeBytes, long PeakWorkingSetBytes, int Samples, bool WorkingSetSinceStart = false);

/// <summary>
/// Samples managed memory on a background thread while a benchmark runs. Each sample first reads
/// the heap size of the last collection, then forces a full blocking collection and reads what
/// survived, so the live figure is what the code really holds at that moment.
/// </summary>
/// <remarks>
/// NOTE: a forced collection pauses the measured code, so a shorter interval lowers throughput.
/// Peaks between two samples are missed; the working-set peak, kept by the OS, misses none.
/// </remarks>
internal sealed class MemorySampler : IDisposable
{
    private readonly TimeSpan interval;
    private readonly Thread thread;
    private readonly ManualResetEventSlim stopping = new();
    private readonly Lock gate = new();
    private long peakLive;
    private long peakHeapSize;
    private int samples;
    private bool workingSetSinceStart;

    public MemorySampler(TimeSpan interval)
    {
        this.interval = interval;
        thread = new Thread(Run) { IsBackground = true, Name = "memory sampler" };
    }

    /// <summary>Resets the process's working-set peak where the OS allows it, then starts sampling.</summary>
    /// <remarks>
    /// The working-set peak is kept by the kernel. On Linux 4.0 and later, writing 5 to
    /// /proc/self/clear_refs resets it, so a measured step after a warm-up gets its own peak.
    /// Elsewhere the peak covers the whole process life and <see cref="MemoryPeaks.WorkingSetSinceStart"/> is true.
    /// </remarks>
    public void Start()
    {
        workingSetSinceStart = !TryResetKernelPeakWorkingSet();
        Sample();
        thread.Start();
    }

    /// <summary>Stops sampling, takes a last sample and returns the peaks.</summary>
    public MemoryPeaks Stop()
    {
        stopping.Set();
        thread.Join();
        Sample();

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        lock (gate)
        {
            return new MemoryPeaks(peakLive, peakHeapSize, process.PeakWorkingSet64, samples, workingSetSinceStart);
        }
    }

    private static bool TryResetKernelPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Takes one sample now; may be called from any thread.</summary>
    public void Sample()
    {
        var heapSize = GC.GetGCMemoryInfo().HeapSizeBytes;
        var live = GC.GetTotalMemory(forceFullCollection: true);
        heapSize = Math.Max(heapSize, GC.GetGCMemoryInfo().HeapSizeBytes);

        lock (gate)
        {
            peakLive = Math.Max(peakLive, live);
            peakHeapSize = Math.Max(peakHeapSize, heapSize);
            samples++;
        }
    }

    public void Dispose() => stopping.Dispose();

    private void Run()
    {
        while (!stopping.Wait(interval))
        {
            Sample();
        }
    }
}
