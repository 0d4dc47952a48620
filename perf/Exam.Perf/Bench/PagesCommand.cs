using System.Diagnostics;
using System.Globalization;
using Exam.Cli;

namespace Exam.Perf.Bench;

/// <summary>
/// <c>exam-perf pages</c>: the server's CPU per request, one kind of request at a time, so that a change to one page
/// can be measured without the noise of a whole sitting. Candidates are signed in (and, for the exam's pages,
/// started) first; each kind then runs in a closed loop after a warm-up, and the server's CPU time is divided by the
/// requests it answered.
/// </summary>
public sealed class PagesCommand(TextWriter output, TextWriter error, CliContext context)
{
    public async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        args.Only("clients", "seconds", "only", "server", "itembank");
        var only = args.Option("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var n = 2 * (args.Number("clients") is { } c and > 0 ? c : 32);
        var seconds = TimeSpan.FromSeconds(args.Number("seconds") is { } s and > 0 ? s : 3);
        var dir = Path.Combine(Path.GetTempPath(), $"exam-pages-{Guid.NewGuid():N}");
        using var server = new ServerProcess(
            ServerProcess.FindServerDll(args.Option("server"), AppContext.BaseDirectory),
            dir, ServerProcess.FindItemBank(args.Option("itembank"), context.CurrentDirectory), ServerProcess.AsShipped);
        var clients = new List<CandidateClient>();
        try
        {
            await server.StartAsync(TimeSpan.FromMinutes(2), ct);
            var seats = await BenchSeats.SeatAsync(server.SqlitePath, n, ct);
            clients.AddRange(seats.Select(seat => new CandidateClient(seat, server.BaseUrl, TimeSpan.FromSeconds(60))));
            await Task.WhenAll(clients.Select(client => Expect(client.SignInAsync(ct), "sign-in")));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pages: {n / 2} clients in a closed loop, {seconds.TotalSeconds:0} s each after 1 s of warm-up; server CPU per request"));

            var failures = 0;
            // Two passes, each on its own half of the candidates (a start happens once per candidate); the first
            // pass only lets the runtime optimize every path (tiered compilation) and is not printed.
            foreach (var (group, print) in new[] { (clients[..(n / 2)], false), (clients[(n / 2)..], true) })
            {
                // --only narrows the run to the kinds whose name contains one of its words (a profile of one kind of request).
                bool Wanted(string what) => only is null || only.Any(word => what.Contains(word, StringComparison.OrdinalIgnoreCase));
                async Task Measure(string what, Func<CandidateClient, Task<Outcome>> request)
                {
                    if (Wanted(what)) failures += await MeasureAsync(server, group, what, request, seconds, print, ct);
                }
                await Measure("GET /healthz/live (no page)", client => client.GetAsync("/healthz/live", ct));
                await Measure("GET /Account/CandidateSignIn", client => client.GetAsync("/Account/CandidateSignIn", ct));
                await Measure("sign-in (form, post, /Candidate)", client => client.SignInAsync(ct));
                await Measure("GET /Candidate", client => client.GetAsync("/Candidate", ct));
                await Measure("GET /Candidate/Exam/Rules", client => client.GetAsync("/Candidate/Exam/Rules", ct));
                await Task.WhenAll(group.Select(client => Expect(client.StartAsync(ct), "start")));
                await Measure("GET /Candidate/Exam/PartOne", client => client.GetAsync("/Candidate/Exam/PartOne", ct));
                await Measure("GET Part One content (sealed)", client => client.RefetchContentAsync(ct));
                await Measure("POST Part One save",
                    client => client.SaveMcAsync(client.NextSeq(), Random.Shared.Next(1, client.QuestionCount + 1), Random.Shared.Next(1, 5), false, ct));
                if (print && Wanted("ratio in alternating slices")) failures += await RatioAsync(server, group, seconds, ct);
            }
            var sample = clients[^1];
            var (page, content) = (await sample.SizeAsync("/Candidate/Exam/PartOne", ct), await sample.SizeAsync(sample.ContentUrl!, ct));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pages: sizes as sent: Part One page {page} bytes, its content {content} bytes"));
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
            server.Kill();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The durable-save ratio as the bench measures it (alternating slices), without a whole sitting first; returns the failures.</summary>
    private async Task<int> RatioAsync(ServerProcess server, IReadOnlyList<CandidateClient> clients, TimeSpan length, CancellationToken ct)
    {
        var failures = 0;
        var (plain, save, ratio) = await AlternatingSlices.SaveRatioAsync(clients, length, server.Usage, (what, outcome) =>
        {
            if (Interlocked.Increment(ref failures) == 1) error.WriteLine($"pages: {what}: {outcome.Failure}");
        }, ct);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pages: ratio in alternating slices: plain {plain.PerSecond:0}/s ({plain.Describe()}), save {save.PerSecond:0}/s ({save.Describe()}), ratio {ratio:0.000}"));
        return failures;
    }

    private async Task Expect(Task<Outcome> step, string what)
    {
        if (await step is { Ok: false } failed) throw new InvalidOperationException($"{what} failed: {failed.Failure}");
    }

    private async Task<int> MeasureAsync(
        ServerProcess server, IReadOnlyList<CandidateClient> clients, string what, Func<CandidateClient, Task<Outcome>> request, TimeSpan length, bool print,
        CancellationToken ct)
    {
        var failures = 0;
        var count = 0;
        async Task LoopAsync(TimeSpan span, bool counted)
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select(client => Task.Run(async () =>
            {
                while (clock.Elapsed < span)
                {
                    var outcome = await request(client);
                    if (!outcome.Ok)
                    {
                        if (Interlocked.Increment(ref failures) == 1) error.WriteLine($"pages: {what}: {outcome.Failure}");
                    }
                    else if (counted) Interlocked.Increment(ref count);
                }
            }, ct)));
        }
        await LoopAsync(TimeSpan.FromSeconds(1), counted: false);
        var before = server.Usage();
        var own = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await LoopAsync(length, counted: true);
        var after = server.Usage();
        // The generator's own CPU too: on one machine both share the cores, so a ratio of two rates depends on both.
        var mine = count > 0 ? (Process.GetCurrentProcess().TotalProcessorTime - own).TotalMicroseconds / count : double.NaN;
        var cpu = before is not null && after is not null && count > 0 ? (after.CpuTime - before.CpuTime).TotalMicroseconds / count : double.NaN;
        if (print) output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pages: {what,-36} {count / wall.Elapsed.TotalSeconds,7:0}/s  server CPU {cpu,6:0} us each, generator {mine,4:0} us{(failures > 0 ? $"  ({failures} failed)" : "")}"));
        return failures;
    }
}
