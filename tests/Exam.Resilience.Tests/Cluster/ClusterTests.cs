using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Dapper;
using Exam.Perf.Bench;
using Exam.Data.Database;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Exam.Resilience.Tests.Cluster;

/// <summary>
/// The production shape on this machine: Debian's nginx (the shipped deploy/nginx.conf, TLS with the trial script's
/// certificate) in front of two real server processes sharing one SQLite file, one key ring (encrypted at rest) and a
/// Redis backplane. Candidates sit the exam through nginx and directly on node A; the proctor and a rater work on node
/// B. Redis is stopped for a while (EXAM_CLUSTER_REDIS_DOWN_SECONDS, 20 by default) while candidates save and submit,
/// parts expire and the proctor acts; then node A is killed with SIGKILL mid-exam. Nothing acknowledged may be lost, no
/// save, submission or proctor action may fail, the sweeper must submit on time, and consoles, the rater's queue and
/// the candidates' pages must be right within seconds of each recovery, with the dead node's candidates shown lost.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    private const string KeyRingPassword = "cluster-test-key-ring";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>How long recovery may take after Redis returns: its reconnect backs off to 5 s, the resync waits 1 s.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Two_nodes_behind_nginx_lose_nothing_and_stay_live_through_a_redis_outage_and_a_killed_node()
    {
        var redisDown = TimeSpan.FromSeconds(Fixtures.Size("EXAM_CLUSTER_REDIS_DOWN_SECONDS", 60));
        var nginxBinary = ChildProcess.Find("nginx") ?? throw new InvalidOperationException("nginx is not installed: ./test.sh installs Debian's nginx.");
        var redisBinary = ChildProcess.Find("redis-server") ?? throw new InvalidOperationException("redis-server is not installed: ./test.sh installs Debian's redis-server.");
        var dir = Fixtures.ScratchDirectory("cluster");
        var total = Stopwatch.StartNew();
        var figures = new List<string>();
        await using var scope = new Scope();
        SaveLoad? load = null;
        ProctorActions? actions = null;
        try
        {
            // ---- the shape: certificates, Redis, two nodes, nginx ---------------------------------------------------
            var root = Path.GetDirectoryName(Fixtures.ItemBank)!;
            var certs = Path.Combine(dir, "certs");
            await MakeCertificatesAsync(root, certs);
            var pinned = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(certs, "tls.crt")));
            RemoteCertificateValidationCallback trust = (_, certificate, _, _) => certificate?.GetCertHashString() == pinned.GetCertHashString();

            var redis = scope.Add(new Redis(redisBinary, dir));
            await redis.StartAsync();
            var shared = Path.Combine(dir, "shared");
            var sqlite = Path.Combine(shared, "exam.db");
            var environment = new Dictionary<string, string?>
            {
                ["Database__SqlitePath"] = sqlite,
                ["DataProtection__KeysPath"] = Path.Combine(shared, "keys"),
                ["DataProtection__CertificatePath"] = Path.Combine(certs, "keyring.pfx"),
                ["DataProtection__CertificatePassword"] = KeyRingPassword,
                ["Redis__Connection"] = redis.Connection,
                ["Proxy__TrustForwardedHeaders"] = "true",
                ["Delivery__SaveGraceSeconds"] = "2",
                ["Delivery__SweepIntervalSeconds"] = "1",
                ["Logging__LogLevel__Exam.Web.Live"] = "Information",
            };
            var nodeA = scope.Add(new ServerProcess(Fixtures.ServerDll, dir, Fixtures.ItemBank, environment, logName: "node-a.log"));
            var nodeB = scope.Add(new ServerProcess(Fixtures.ServerDll, dir, Fixtures.ItemBank, environment, logName: "node-b.log"));
            // Both start on the new database at once: one seeds the demo, the other waits for it (before, it crashed).
            await Task.WhenAll(nodeA.StartAsync(2 * Bound), nodeB.StartAsync(2 * Bound));
            var nginx = scope.Add(new Nginx(nginxBinary, Path.Combine(root, "deploy", "nginx.conf"), dir, certs, nodeA.Port, nodeB.Port));
            await nginx.StartAsync();
            figures.Add($"started={total.Elapsed.TotalSeconds:0.0}s");
            await AssertTheFrontDoorAsync(nginx, trust);
            AssertTheKeyRingIsEncrypted(Path.Combine(shared, "keys"));

            // ---- people: candidates through nginx and on node A, the proctor and a rater on node B -------------------
            using var db = new Db(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = sqlite });
            var steadyCount = Fixtures.Size("EXAM_CLUSTER_STEADY", 10);
            var strandedCount = Fixtures.Size("EXAM_CLUSTER_STRANDED", 4);
            var seats = await BenchSeats.SeatAsync(sqlite, steadyCount + strandedCount + 5);
            var people = new List<Person>();
            Person Make(Seat seat, string role, bool direct) => scope.Add(new Person(seat, role, direct, direct
                ? new CandidateClient(seat, nodeA.BaseUrl, TimeSpan.FromSeconds(20))
                : new CandidateClient(seat, nginx.BaseUrl, TimeSpan.FromSeconds(20), trust)));
            var steady = seats.Take(steadyCount).Select(s => Make(s, "steady", false)).ToList();
            var stranded = seats.Skip(steadyCount).Take(strandedCount).Select(s => Make(s, "stranded", true)).ToList();
            var rest = seats.Skip(steadyCount + strandedCount).ToList();
            var p1 = Make(rest[0], "proctored on A", true);
            var p2 = Make(rest[1], "proctored", false);
            var expiring = rest.Skip(2).Select(s => Make(s, "expiring", false)).ToList();
            people.AddRange([.. steady, .. stranded, p1, p2, .. expiring]);
            await Task.WhenAll(people.Select(async p =>
            {
                Assert.True((await p.Client.SignInAsync()).Ok, $"{p.Number} could not sign in");
                var start = await p.Client.StartAsync();
                Assert.True(start.Ok, $"{p.Number} could not start: {start.Failure}");
                p.AttemptId = await ScalarAsync<long>(db, "SELECT id FROM attempts WHERE registration_id = @Id", p.Seat.RegistrationId);
                var hubUrl = new Uri(p.Direct ? nodeA.BaseUrl : nginx.BaseUrl, "hubs/exam");
                // The pages on node A do not come back when it dies (their computers went with it); the others reconnect through nginx.
                p.Page = new ExamPageModel(LiveClients.Build(hubUrl, p.Client.Cookies, p.Direct ? null : trust, reconnect: !p.Direct), 1);
                await p.Page.OpenAsync();
            }));
            var sittingId = await ScalarAsync<long>(db, "SELECT sitting_id FROM registrations WHERE id = @Id", p1.Seat.RegistrationId);
            var proctor = scope.Add(await StaffBrowser.SignInAsync(nodeB.BaseUrl, "proctor", "proctor-demo-2026"));
            var console = scope.Add(new ConsoleModel(proctor.Hub("hubs/proctor"), sittingId));
            await console.OpenAsync();
            var truth = scope.Add(proctor.Hub("hubs/proctor", reconnect: true));
            await truth.StartAsync();
            var rater = scope.Add(await StaffBrowser.SignInAsync(nodeB.BaseUrl, "rater1", "rater1-demo-2026"));
            var queue = scope.Add(new RaterQueueModel(rater.Hub("hubs/rating")));
            await queue.OpenAsync();
            actions = new ProctorActions();

            load = new SaveLoad();
            var loops = steady.Select(p => (p, load.Start(p, stopOnConnectionError: false)))
                .Concat(stranded.Select(p => (p, load.Start(p, stopOnConnectionError: true)))).ToDictionary(x => x.p, x => x.Item2);
            await WaitAsync(() => load.Acknowledged >= 100, "100 acknowledged saves", Bound);

            // ---- normal operation: a pause crosses from node B to a page on node A, and reaches the console once ------
            var p1Rows = new List<ConsoleRow>();
            console.Pushed += r => { if (r.RegistrationId == p1.Seat.RegistrationId) lock (p1Rows) p1Rows.Add(r); };
            await WaitAsync(async () => Agrees(console.Rows, await TruthAsync(truth, sittingId), null), "the console to agree with the database", Bound);
            var crossing = Stopwatch.StartNew();
            await actions.RunAsync("pause P1", () => console.Hub.InvokeAsync("Pause", sittingId, (long?)p1.AttemptId, "cluster test"));
            await WaitAsync(() => p1.Page!.Clock?.Paused == true, "P1's page to show the pause", Bound);
            figures.Add($"pause_crossing_ms={crossing.ElapsedMilliseconds}");
            await WaitAsync(() => { lock (p1Rows) return p1Rows.Any(r => r.Status == "paused"); }, "the console to show P1 paused", Bound);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // a second copy (one per node, as before) would be here by now
            lock (p1Rows) Assert.True(p1Rows.Count(r => r.Status == "paused") == 1, $"the pause reached the console {p1Rows.Count(r => r.Status == "paused")} times");
            await actions.RunAsync("resume P1", () => console.Hub.InvokeAsync("Resume", sittingId, (long?)p1.AttemptId, (string?)null));
            await WaitAsync(() => p1.Page!.Clock?.Paused == false, "P1's page to show the resume", Bound);

            // ---- Redis stops -----------------------------------------------------------------------------------------
            var queueBefore = queue.View;
            redis.Stop();
            var down = Stopwatch.StartNew();
            var acknowledgedAtOutage = load.Acknowledged;
            var deadline = DateTimeOffset.UtcNow.AddSeconds(4);
            foreach (var e in expiring) await SetDeadlineAsync(db, e.AttemptId, deadline);

            var console2 = scope.Add(new ConsoleModel(proctor.Hub("hubs/proctor"), sittingId));
            var joinWatch = Stopwatch.StartNew();
            await console2.OpenAsync(); // a new console while Redis is down (before, its connection was closed)
            figures.Add($"join_during_outage_ms={joinWatch.ElapsedMilliseconds}");
            await actions.RunAsync("pause P1 (Redis down)", () => console.Hub.InvokeAsync("Pause", sittingId, (long?)p1.AttemptId, "Redis down"));
            await actions.RunAsync("extend P2 (Redis down)", () => console.Hub.InvokeAsync("Extend", sittingId, p2.AttemptId, 5, "late start"));
            await actions.RunAsync("resume P1 (Redis down)", () => console.Hub.InvokeAsync("Resume", sittingId, (long?)p1.AttemptId, (string?)null));

            // Four candidates move on to Part Two and two of them submit it, all while Redis is down.
            var movers = steady.Take(4).ToList();
            foreach (var m in movers) { loops[m].Stop(); await loops[m].Done; }
            await Task.WhenAll(movers.Select(async (m, i) =>
            {
                await load.SubmitAsync(m, "Part One", () => m.Client.MoveToPartTwoAsync());
                foreach (var essay in m.Client.Essays.Take(2))
                    await load.SaveEssayAsync(m, essay, $"Essay by {m.Number}: the infant turns away, the parent follows the cue, and the worker wonders aloud.");
                if (i < 2) await load.SubmitAsync(m, "Part Two", () => m.Client.SubmitPartTwoAsync());
            }));
            Assert.True(load.Problems.IsEmpty, "moving on while Redis is down:\n" + string.Join("\n", load.Problems));

            // The sweeper submits the expired parts on time although nothing it sends can leave the node.
            var grace = TimeSpan.FromSeconds(2);
            var submittedSeen = new Dictionary<long, DateTimeOffset>();
            await WaitAsync(async () =>
            {
                foreach (var e in expiring.Where(e => !submittedSeen.ContainsKey(e.AttemptId)))
                    if (await ScalarAsync<string?>(db, "SELECT submit_reason FROM attempt_parts WHERE attempt_id = @Id AND part = 1", e.AttemptId) is not null)
                        submittedSeen[e.AttemptId] = DateTimeOffset.UtcNow;
                return submittedSeen.Count == expiring.Count;
            }, "the sweeper to submit the expired parts", Bound);
            var lateness = submittedSeen.Values.Max() - (deadline + grace);
            figures.Add($"expiry_late_s={Math.Max(0, lateness.TotalSeconds):0.0}");
            foreach (var e in expiring)
            {
                var (reason, at) = await PartEndAsync(db, e.AttemptId, 1);
                Assert.Equal("expired", reason);
                Assert.True(Math.Abs((at - deadline).TotalMilliseconds) < 1, $"{e.Number}: submitted at {at:O}, its deadline was {deadline:O}");
            }
            // Sweeps every second; before, each expired part waited ~3 s on Redis, so three parts ended ~9 s late.
            Assert.True(lateness < TimeSpan.FromSeconds(8), $"the sweeper submitted {lateness.TotalSeconds:0.0} s after deadline + grace");

            if (down.Elapsed < redisDown) await Task.Delay(redisDown - down.Elapsed);
            figures.Add($"redis_down_s={down.Elapsed.TotalSeconds:0}");
            figures.Add($"saves_during_outage={load.Acknowledged - acknowledgedAtOutage}");

            // ---- Redis returns: consoles, the queue and the pages must be right within seconds -------------------------
            var resyncsBefore = (console.Resyncs, console2.Resyncs, queue.Resyncs);
            await redis.StartAsync();
            var back = Stopwatch.StartNew();
            var atReturn = await TruthAsync(truth, sittingId);
            var queueTruth = await queue.TruthAsync();
            Assert.NotEqual(queueBefore, queueTruth); // the outage changed the queue (two Part Two submissions)
            string? consoleWrong = null, console2Wrong = null;
            var expected = new Dictionary<string, Func<Task<bool>>>
            {
                ["console"] = async () => (consoleWrong = Disagreement(console.Rows, await TruthAsync(truth, sittingId), atReturn)) is null,
                ["new_console"] = async () => (console2Wrong = Disagreement(console2.Rows, await TruthAsync(truth, sittingId), atReturn)) is null,
                ["queue"] = () => Task.FromResult(queue.View == queueTruth),
                ["pages"] = async () => await PagesAgreeAsync(movers.Concat(expiring), p1, p2),
            };
            Dictionary<string, TimeSpan> recovered;
            try { recovered = await RecoveryAsync(expected, back); }
            catch (TimeoutException) { output.WriteLine($"console:\n{consoleWrong}\nnew console:\n{console2Wrong}"); throw; }
            foreach (var (what, time) in recovered) figures.Add($"{what}_recovery_s={time.TotalSeconds:0.0}");
            // Told by the server, not only found out at their own interval.
            await WaitAsync(() => console.Resyncs > resyncsBefore.Item1 && console2.Resyncs > resyncsBefore.Item2 && queue.Resyncs > resyncsBefore.Item3,
                "every page on node B to be told to resync", Bound);

            // Live pushes flow again, also to the console that joined while Redis was down.
            var console2Rows = new List<ConsoleRow>();
            console2.Pushed += r => { if (r.RegistrationId == p1.Seat.RegistrationId) lock (console2Rows) console2Rows.Add(r); };
            await actions.RunAsync("pause P1 (after)", () => console.Hub.InvokeAsync("Pause", sittingId, (long?)p1.AttemptId, "after the outage"));
            await WaitAsync(() => { lock (console2Rows) return console2Rows.Any(r => r.Status == "paused"); }, "the new console to hear the pause", Bound);
            await WaitAsync(() => p1.Page!.Clock?.Paused == true, "P1's page to hear the pause", Bound);
            await actions.RunAsync("resume P1 (after)", () => console.Hub.InvokeAsync("Resume", sittingId, (long?)p1.AttemptId, (string?)null));

            // ---- node A is killed mid-exam -----------------------------------------------------------------------------
            await WaitAsync(() => load.Acknowledged >= acknowledgedAtOutage + 50, "saves on both nodes", Bound);
            var acknowledgedAtKill = load.Acknowledged;
            nodeA.Kill();
            var killedAt = DateTimeOffset.UtcNow;
            var sinceKill = Stopwatch.StartNew();
            await actions.RunAsync("pause P2 (node A dead)", () => console.Hub.InvokeAsync("Pause", sittingId, (long?)p2.AttemptId, "node A died"));
            await WaitAsync(() => p2.Page!.Clock?.Paused == true, "P2's page to hear the pause", Bound);
            await actions.RunAsync("resume P2 (node A dead)", () => console.Hub.InvokeAsync("Resume", sittingId, (long?)p2.AttemptId, (string?)null));

            // The dead node's pages show lost, since about their last heartbeat; every other page is connected to node B.
            var gone = stranded.Append(p1).Select(p => p.Seat.RegistrationId).ToHashSet();
            var live = people.Where(p => !p.Direct && !movers.Take(2).Contains(p) && !expiring.Contains(p)).Select(p => p.Seat.RegistrationId).ToHashSet();
            await WaitAsync(() => console.Rows.Values.Count(r => gone.Contains(r.RegistrationId) && r.Connection == "lost") == gone.Count,
                "the dead node's candidates to show lost", Bound);
            figures.Add($"lost_shown_s={sinceKill.Elapsed.TotalSeconds:0.0}");
            foreach (var r in console.Rows.Values.Where(r => gone.Contains(r.RegistrationId)))
                Assert.True(r.LostSince > killedAt.AddSeconds(-10) && r.LostSince <= killedAt.AddSeconds(1),
                    $"{r.CandidateNumber} lost since {r.LostSince:O}; node A died at {killedAt:O}");
            await WaitAsync(() => console.Rows.Values.Count(r => live.Contains(r.RegistrationId) && r.Connection == "connected") == live.Count
                                  && people.Where(p => live.Contains(p.Seat.RegistrationId)).All(p => p.Page!.Hub.State == HubConnectionState.Connected),
                "every other page to be connected to node B", Bound);
            figures.Add($"reconnected_s={sinceKill.Elapsed.TotalSeconds:0.0}");
            await WaitAsync(() => load.Acknowledged >= acknowledgedAtKill + 50, "saves on the surviving node", Bound);
            figures.Add($"saves_after_kill={load.Acknowledged - acknowledgedAtKill}");

            await load.StopAsync(loops.Values);
            await WaitAsync(async () => Agrees(console.Rows, await TruthAsync(truth, sittingId), null), "the console to agree with the database at the end", Bound);

            // ---- the audit --------------------------------------------------------------------------------------------
            var losses = await BenchSeats.AuditAsync(sqlite, people.Select(p =>
                (p.Seat, (IReadOnlyDictionary<int, AckedMc>)p.Client.AckedMc, (IReadOnlyDictionary<long, AckedEssay>)p.Client.AckedEssays)));
            var checkedAnswers = people.Sum(p => p.Client.AckedMc.Count + p.Client.AckedEssays.Count);
            figures.InsertRange(0,
            [
                $"candidates={people.Count}", $"acknowledged_saves={load.Acknowledged}", $"answers_checked={checkedAnswers}", $"lost={losses.Count}",
                $"http_5xx={load.Http5xx}", $"submissions={load.Submissions}", $"proctor_actions={actions.Count}", $"proctor_failures={actions.Failures.Count}",
                $"proctor_action_max_ms={actions.SlowestMs}", $"submission_max_ms={load.SlowestSubmissionMs}",
            ]);
            figures.Add($"time={total.Elapsed.TotalSeconds:0}s");
            output.WriteLine("cluster: " + string.Join(" ", figures));

            Assert.True(losses.Count == 0, "acknowledged saves lost:\n" + string.Join("\n", losses.Take(20)));
            Assert.True(load.Http5xx == 0, "HTTP 5xx:\n" + string.Join("\n", load.Problems.Take(20)));
            Assert.True(load.Problems.IsEmpty, "save or submission problems:\n" + string.Join("\n", load.Problems.Take(20)));
            Assert.True(actions.Failures.IsEmpty, "proctor actions failed:\n" + string.Join("\n", actions.Failures));
            // Loose bounds for a busy machine: before, an action or submission with Redis down waited ~5 s and then failed
            // (counted above); here they only guard against waiting on something that never answers.
            Assert.True(actions.SlowestMs < 5000, $"a proctor action took {actions.SlowestMs} ms");
            Assert.True(load.SlowestSubmissionMs < 15000, $"moving on or submitting took {load.SlowestSubmissionMs} ms");
        }
        catch
        {
            output.WriteLine("cluster (failed): " + string.Join(" ", figures) + $" logs in {dir} (EXAM_KEEP_SCRATCH=1 keeps them)");
            foreach (var problem in (load?.Problems ?? []).Concat(actions?.Failures ?? []).Take(30)) output.WriteLine("  " + problem);
            throw;
        }
        finally
        {
            await scope.DisposeAsync();
            Fixtures.Clean(dir);
        }
    }

    // ---- the shape ------------------------------------------------------------------------------------------------

    private static async Task MakeCertificatesAsync(string root, string certs)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(root, "deploy", "make-trial-certs.sh"), "127.0.0.1", certs }) psi.ArgumentList.Add(a);
        psi.Environment["EXAM_KEYRING_PASSWORD"] = KeyRingPassword;
        using var process = Process.Start(psi)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "deploy/make-trial-certs.sh failed: " + errors);
    }

    /// <summary>HTTPS only, HSTS, and cookies marked Secure (the app sees https through the forwarded headers).</summary>
    private static async Task AssertTheFrontDoorAsync(Nginx nginx, RemoteCertificateValidationCallback trust)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseCookies = false, SslOptions = { RemoteCertificateValidationCallback = trust },
        });
        using var plain = await http.GetAsync($"http://127.0.0.1:{nginx.HttpPort}/Account/CandidateSignIn");
        Assert.Equal(HttpStatusCode.MovedPermanently, plain.StatusCode);
        Assert.StartsWith("https://", plain.Headers.Location!.OriginalString);
        using var page = await http.GetAsync(new Uri(nginx.BaseUrl, "Account/CandidateSignIn"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("max-age=", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The shared key ring holds keys encrypted to the certificate, never a key in the clear.</summary>
    private static void AssertTheKeyRingIsEncrypted(string keys)
    {
        var files = Directory.GetFiles(keys, "key-*.xml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var xml = File.ReadAllText(file);
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        }
    }

    // ---- what "right" means ----------------------------------------------------------------------------------------

    private static async Task<Dictionary<long, ConsoleRow>> TruthAsync(HubConnection truth, long sittingId) =>
        (await truth.InvokeAsync<ConsoleSnapshot>("Join", sittingId)).Rows.ToDictionary(r => r.RegistrationId);

    /// <summary>
    /// The console agrees with the database: every row the same but for the counts a running candidate changes every
    /// moment, and those no older than they were at <paramref name="notOlderThan"/> (what the outage left behind).
    /// </summary>
    private static bool Agrees(IReadOnlyDictionary<long, ConsoleRow> console, Dictionary<long, ConsoleRow> truth, Dictionary<long, ConsoleRow>? notOlderThan) =>
        Disagreement(console, truth, notOlderThan) is null;

    /// <summary>The rows where the console and the database differ, described; null when they agree.</summary>
    public static string? Disagreement(IReadOnlyDictionary<long, ConsoleRow> console, Dictionary<long, ConsoleRow> truth, Dictionary<long, ConsoleRow>? notOlderThan)
    {
        var wrong = truth.Values.Where(t => !console.TryGetValue(t.RegistrationId, out var c) || c.Settled != t.Settled
                || (notOlderThan is not null && notOlderThan.TryGetValue(t.RegistrationId, out var then) && c.LastSavedAt < then.LastSavedAt))
            .Select(t => $"{t.CandidateNumber}: shown {(console.TryGetValue(t.RegistrationId, out var c) ? c.ToString() : "nothing")}, database {t}")
            .ToList();
        return wrong.Count == 0 ? null : string.Join("\n", wrong.Take(3));
    }

    /// <summary>The pages know what happened while Redis was down: parts over, the pause undone, the extension.</summary>
    private static async Task<bool> PagesAgreeAsync(IEnumerable<Person> over, Person p1, Person p2)
    {
        if (!over.All(p => p.Page!.PartOver)) return false;
        foreach (var p in new[] { p1, p2 })
        {
            var server = await p.Page!.Hub.InvokeAsync<PageClock?>("Sync");
            if (server is null || p.Page.Clock is not { } shown || shown.Paused != server.Paused || shown.Deadline != server.Deadline) return false;
        }
        return true;
    }

    /// <summary>Polls each expectation until it holds; returns how long after the start each took.</summary>
    private static async Task<Dictionary<string, TimeSpan>> RecoveryAsync(Dictionary<string, Func<Task<bool>>> expectations, Stopwatch since)
    {
        var done = new Dictionary<string, TimeSpan>();
        while (done.Count < expectations.Count)
        {
            foreach (var (what, holds) in expectations.Where(e => !done.ContainsKey(e.Key)))
            {
                bool ok;
                try { ok = await holds(); } catch (Exception) { ok = false; } // the truth connection may be reconnecting
                if (ok) done[what] = since.Elapsed;
            }
            if (since.Elapsed > RecoveryBound)
                throw new TimeoutException($"not right {RecoveryBound.TotalSeconds:0} s after Redis returned: "
                    + string.Join(", ", expectations.Keys.Where(k => !done.ContainsKey(k))));
            await Task.Delay(100);
        }
        return done;
    }

    // ---- the database, read and nudged by the test -------------------------------------------------------------------

    private static async Task<T> ScalarAsync<T>(Db db, string sql, long id)
    {
        await using var s = await db.OpenAsync();
        return (await s.Connection.ExecuteScalarAsync<T>(sql, new { Id = id }))!;
    }

    /// <summary>A candidate whose time runs out now: the part's deadline moved to the given instant.</summary>
    private static async Task SetDeadlineAsync(Db db, long attemptId, DateTimeOffset deadline)
    {
        await using var s = await db.BeginAsync();
        var n = await s.Connection.ExecuteAsync("UPDATE attempt_parts SET deadline = @Deadline WHERE attempt_id = @Id AND part = 1",
            new { Deadline = deadline, Id = attemptId }, s.Transaction);
        Assert.Equal(1, n);
        await s.CommitAsync();
    }

    private static async Task<(string Reason, DateTimeOffset At)> PartEndAsync(Db db, long attemptId, int part)
    {
        await using var s = await db.OpenAsync();
        var row = await s.Connection.QuerySingleAsync<(string Reason, string At)>(
            "SELECT submit_reason, submitted_at FROM attempt_parts WHERE attempt_id = @Id AND part = @Part", new { Id = attemptId, Part = part });
        return (row.Reason, DateTimeOffset.Parse(row.At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
    }

    private static Task WaitAsync(Func<bool> condition, string what, TimeSpan bound) => WaitAsync(() => Task.FromResult(condition()), what, bound);

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            bool ok;
            try { ok = await condition(); } catch (Exception) when (watch.Elapsed < bound) { ok = false; }
            if (ok) return;
            if (watch.Elapsed > bound) throw new TimeoutException($"waited {bound.TotalSeconds:0} s for {what}");
            await Task.Delay(50);
        }
    }
}
