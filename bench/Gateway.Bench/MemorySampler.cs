using System.Diagnostics;

namespace Gateway.Bench;

/// <summary>Peak memory figures of one process over one measured run, in bytes.</summary>
/// <param name="PeakLiveBytes">Max of <see cref="GC.GetTotalMemory(bool)"/> right after a forced full collection.</param>
/// <param name="PeakHeapSizeBytes">Max of <see cref="GCMemoryInfo.HeapSizeBytes"/>, which includes garbage not yet collected.</param>
/// <param name="PeakWorkingSetBytes"><see cref="Process.PeakWorkingSet64"/> at the end of the run.</param>
/// <param name="Samples">How many samples were taken.</param>
/// <param name="WorkingSetSinceStart">True when the working-set peak could not be reset and covers the whole process life.</param>
/// <param name="SamplingPauseSeconds">
/// Time the runtime suspended managed threads while the sampler collected between Start and Stop
/// (<see cref="GC.GetTotalPauseDuration"/>), which includes any collection that happened to run then.
/// </param>
internal sealed record MemoryPeaks(long PeakLiveBytes, long PeakHeapSizeBytes, long PeakWorkingSetBytes, int Samples, bool WorkingSetSinceStart, double SamplingPauseSeconds);

/// <summary>
/// Samples managed memory on a background thread while a benchmark runs. Each sample first reads
/// the heap size of the last collection, then forces a full blocking collection and reads what
/// survived, so the live figure is what the code really holds at that moment.
/// </summary>
/// <remarks>
/// NOTE: a forced collection pauses the measured code, for longer the more it holds, so the
/// benchmarks subtract <see cref="MemoryPeaks.SamplingPauseSeconds"/> before computing rates.
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
    private TimeSpan samplingPause;

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
            return new MemoryPeaks(peakLive, peakHeapSize, process.PeakWorkingSet64, samples, workingSetSinceStart, samplingPause.TotalSeconds);
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

    private void Sample() => Sample(countPause: false);

    private void Sample(bool countPause)
    {
        var heapSize = GC.GetGCMemoryInfo().HeapSizeBytes;
        var pausedBefore = GC.GetTotalPauseDuration();

        // Collect, let finalizers release what they hold, and collect that too.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var live = GC.GetTotalMemory(forceFullCollection: false);
        var pause = GC.GetTotalPauseDuration() - pausedBefore;
        heapSize = Math.Max(heapSize, GC.GetGCMemoryInfo().HeapSizeBytes);

        lock (gate)
        {
            peakLive = Math.Max(peakLive, live);
            peakHeapSize = Math.Max(peakHeapSize, heapSize);
            samples++;
            samplingPause += countPause ? pause : TimeSpan.Zero;
        }
    }

    public void Dispose() => stopping.Dispose();

    private void Run()
    {
        // Only these samples fall inside the measured run; the first and last are taken outside it.
        while (!stopping.Wait(interval))
        {
            Sample(countPause: true);
        }
    }
}
