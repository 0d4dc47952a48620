using System.Collections.Concurrent;
using System.Diagnostics;
using Exam.Perf.Bench;

namespace Exam.Resilience.Tests.Cluster;

/// <summary>One candidate of the cluster test: their browser over HTTP and their exam page's hub.</summary>
public sealed class Person(Seat seat, string role, bool direct, CandidateClient client) : IAsyncDisposable
{
    public Seat Seat { get; } = seat;
    public string Role { get; } = role;
    public CandidateClient Client { get; } = client;

    /// <summary>Talks to node A itself rather than through nginx, so it goes when node A goes.</summary>
    public bool Direct { get; } = direct;
    public string Number => Seat.CandidateNumber;
    public long AttemptId { get; set; }
    public ExamPageModel? Page { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Page is not null) await Page.DisposeAsync();
        Client.Dispose();
    }
}

/// <summary>
/// The candidates' saves, as the page's queue makes them: one change in flight per candidate, retried with the same
/// sequence until acknowledged. Counts what matters: acknowledged saves, HTTP 5xx (none allowed), refusals.
/// </summary>
public sealed class SaveLoad
{
    private long _acknowledged;
    private long _http5xx;
    private long _submissions;
    private long _slowestSubmission;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);
    public long Http5xx => Interlocked.Read(ref _http5xx);
    public long Submissions => Interlocked.Read(ref _submissions);
    public long SlowestSubmissionMs => Interlocked.Read(ref _slowestSubmission);
    public ConcurrentBag<string> Problems { get; } = [];

    public sealed class Loop(CancellationTokenSource stop, Task done)
    {
        public Task Done { get; } = done;
        public void Stop() => stop.Cancel();
    }

    /// <summary>Saves Part One answers until stopped. A candidate on a node that died stops at the first refused connection.</summary>
    public Loop Start(Person person, bool stopOnConnectionError)
    {
        var stop = new CancellationTokenSource();
        return new Loop(stop, Task.Run(() => RunAsync(person, stopOnConnectionError, stop.Token)));
    }

    public async Task StopAsync(IEnumerable<Loop> loops)
    {
        var all = loops.ToList();
        foreach (var l in all) l.Stop();
        await Task.WhenAll(all.Select(l => l.Done));
    }

    private async Task RunAsync(Person person, bool stopOnConnectionError, CancellationToken stop)
    {
        var random = new Random(int.Parse(person.Number, System.Globalization.CultureInfo.InvariantCulture));
        var questions = person.Client.QuestionCount;
        while (!stop.IsCancellationRequested)
        {
            var position = random.Next(1, questions + 1);
            int? slot = random.Next(5) is var s and > 0 ? s : null;
            var flagged = random.Next(4) == 0;
            var seq = person.Client.NextSeq();
            if (!await UntilAcknowledgedAsync(person, $"seq {seq}", () => person.Client.SaveMcAsync(seq, position, slot, flagged), stopOnConnectionError)) return;
            try { await Task.Delay(random.Next(100, 200), stop); } catch (OperationCanceledException) { return; }
        }
    }

    public async Task SaveEssayAsync(Person person, long itemVersionId, string body)
    {
        var seq = person.Client.NextSeq();
        await UntilAcknowledgedAsync(person, $"essay seq {seq}", () => person.Client.SaveEssayAsync(seq, itemVersionId, true, body), false);
    }

    /// <summary>A submission, as the browser posts it: timed, and any 5xx counted.</summary>
    public async Task SubmitAsync(Person person, string what, Func<Task<Outcome>> submit)
    {
        var watch = Stopwatch.StartNew();
        var outcome = await submit();
        Interlocked.Increment(ref _submissions);
        var ms = watch.ElapsedMilliseconds;
        for (var seen = SlowestSubmissionMs; ms > seen && Interlocked.CompareExchange(ref _slowestSubmission, ms, seen) != seen; seen = SlowestSubmissionMs) { }
        if ((int)outcome.Status is >= 500 and < 599) Interlocked.Increment(ref _http5xx);
        if (!outcome.Ok) Problems.Add($"{person.Number} {what}: {outcome.Failure}");
    }

    private async Task<bool> UntilAcknowledgedAsync(Person person, string what, Func<Task<Outcome>> save, bool stopOnConnectionError)
    {
        var watch = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await save();
            if (outcome.Ok)
            {
                Interlocked.Increment(ref _acknowledged);
                return true;
            }
            if ((int)outcome.Status >= 500)
            {
                Interlocked.Increment(ref _http5xx);
                Problems.Add($"{person.Number} {what}: HTTP {(int)outcome.Status}");
            }
            else if (outcome.Status == 0)
            {
                if (stopOnConnectionError) return false; // the node this page talked to is gone; so is the page
            }
            else
            {
                Problems.Add($"{person.Number} {what}: refused, {outcome.Failure}");
                return false;
            }
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                Problems.Add($"{person.Number} {what}: not acknowledged after {attempt} tries ({outcome.Failure})");
                return false;
            }
            await Task.Delay(Math.Min(25 * (attempt + 1), 250));
        }
    }
}

/// <summary>The proctor's actions, each timed: none may fail, however the backplane is doing.</summary>
public sealed class ProctorActions
{
    public int Count { get; private set; }
    public long SlowestMs { get; private set; }
    public ConcurrentBag<string> Failures { get; } = [];

    public async Task RunAsync(string what, Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        try { await action(); }
        catch (Exception e) { Failures.Add($"{what}: {e.GetType().Name}: {e.Message}"); }
        Count++;
        SlowestMs = Math.Max(SlowestMs, watch.ElapsedMilliseconds);
    }
}

/// <summary>Everything the test started, disposed in reverse order however it ends.</summary>
public sealed class Scope : IAsyncDisposable
{
    private readonly List<object> _items = [];

    public T Add<T>(T item) where T : notnull
    {
        lock (_items) _items.Add(item);
        return item;
    }

    public async ValueTask DisposeAsync()
    {
        List<object> items;
        lock (_items)
        {
            items = [.. _items];
            _items.Clear();
        }
        items.Reverse();
        foreach (var item in items)
        {
            try
            {
                if (item is IAsyncDisposable a) await a.DisposeAsync();
                else if (item is IDisposable d) d.Dispose();
            }
            catch (Exception) { /* cleaning up after a failure: keep going */ }
        }
    }
}
