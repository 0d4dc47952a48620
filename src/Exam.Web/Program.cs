using Exam.Web.Accounts;
using Exam.Web.Analysis;
using Exam.Web.Committee;
using Exam.Web.Delivery;
using Exam.Web.Hubs;
using Exam.Web.Infrastructure;
using Exam.Web.Live;
using Exam.Web.Proctoring;
using Exam.Web.Rating;
using Exam.Web.Scheduling;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

builder.Services.AddExamData(config, builder.Environment.ContentRootPath);
builder.Services.AddExamAccounts(config);
builder.Services.AddExamDelivery(config);
builder.Services.AddExamScheduling();
builder.Services.AddExamCommittee(config);
builder.Services.AddExamProctoring(config);
builder.Services.AddExamRating(config);
builder.Services.AddExamAnalysis(config);

builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/Candidate", Policies.Candidate);
    o.Conventions.AuthorizeFolder("/Proctor", Policies.Proctor);
    o.Conventions.AuthorizeFolder("/Rating", Policies.Rating);
    o.Conventions.AuthorizeFolder("/Committee", Policies.Committee);
    o.Conventions.AuthorizeFolder("/Panel", Policies.Panel);
    o.Conventions.AuthorizeFolder("/Standards", Policies.Standards);
    o.Conventions.AuthorizeFolder("/Admin", Policies.Administration);
    o.Conventions.AuthorizeFolder("/Admin/Staff", Policies.Admin);
    o.Conventions.AuthorizeFolder("/Admin/Audit", Policies.Admin);
    o.Conventions.ConfigureFilter(new JsonBodyFilter());
    o.Conventions.ConfigureFilter(new UnknownFormFilter());
});

builder.Services.AddScoped<StaffCookieEvents>();
builder.Services.AddAuthentication(Principals.Scheme).AddCookie(Principals.Scheme, o =>
{
    o.Cookie.Name = "exam.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Strict;
    // Secure whenever the request is HTTPS (behind the proxy too, through forwarded headers).
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.LoginPath = "/Account/SignIn";
    o.AccessDeniedPath = "/Account/AccessDenied";
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
    o.EventsType = typeof(StaffCookieEvents);
});
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "exam.af";
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.HeaderName = "X-CSRF-TOKEN";
});

// Cookies must survive a restart (a candidate mid-exam stays signed in) and be readable by every node.
var keysPath = config["DataProtection:KeysPath"] is { Length: > 0 } kp ? kp : Path.Combine(builder.Environment.ContentRootPath, "data", "keys");
builder.Services.AddDataProtection().SetApplicationName("Exam").PersistKeysToFileSystem(new DirectoryInfo(keysPath))
    // AES-GCM (authenticated in one pass) rather than the default AES-CBC + HMAC: every request unprotects a cookie,
    // and a save also checks two antiforgery tokens. Applies to keys created from now on.
    .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
    {
        EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
        ValidationAlgorithm = ValidationAlgorithm.HMACSHA256,
    });
builder.Services.AddDataProtection().ProtectKeysAtRest(config);
RememberedUnprotect.Register(builder.Services);

builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddSignInRateLimit(config);

builder.Services.AddExamLive(config);

builder.Services.AddTrustedProxy(config);

var app = builder.Build();

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
// Static files leave before the security headers are added: they need nosniff of their own.
app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = f => f.Context.Response.Headers.XContentTypeOptions = "nosniff" });
app.UseSecurityHeaders();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/healthz", new HealthCheckOptions
{
    // Anyone may ask whether the site is up; what runs behind it (provider, schema) is for admins and checks on the host.
    ResponseWriter = (context, report) => HealthDetails.Allowed(context)
        ? context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        })
        : context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() }),
});
// Liveness without the database: the process serves HTTP. Also the baseline `exam-perf bench` compares saves with.
app.MapGet("/healthz/live", () => Results.Text("live"));
app.MapRazorPages();
app.MapPartOneContent();
app.MapExamSaves();
app.MapHub<ExamHub>(ExamHub.Path);
app.MapHub<ProctorHub>(ProctorHub.Path);
app.MapHub<RatingHub>(RatingHub.Path);

await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;
