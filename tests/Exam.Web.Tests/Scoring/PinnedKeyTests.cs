using Exam.Core.ItemBank;
using Exam.Data.ItemBank;
using Exam.Web.Delivery;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Scoring;

/// <summary>A published form's pinned key is read once per process; a draft form's is read every time, since its pins can change.</summary>
public sealed class PinnedKeyTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_published_forms_key_is_read_once_and_matches_its_pins()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 4);
        var content = app.Services.GetRequiredService<ExamContent>();
        var first = await content.PinnedKeyAsync(form.Id);
        Assert.Equal(form.Questions.Select(q => q.Key), first.Items.Select(i => i.Accepted.Single()));

        // The database refuses to change a published form's pins, which is what makes keeping the key safe.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ReversePinsAsync(form.Id));
        Assert.Same(first, await content.PinnedKeyAsync(form.Id));
    }

    [Fact]
    public async Task A_draft_forms_key_follows_its_pins()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 4);
        await using (var s = await app.Db.BeginAsync())
        {
            await app.Services.GetRequiredService<ItemBankStore>().SetFormStatusAsync(s, form.Id, FormStatus.Draft, "test");
            await s.CommitAsync();
        }
        var content = app.Services.GetRequiredService<ExamContent>();
        var before = await content.PinnedKeyAsync(form.Id);
        await ReversePinsAsync(form.Id);
        var after = await content.PinnedKeyAsync(form.Id);
        Assert.Equal(before.Items.Select(i => i.Accepted.Single()).Reverse(), after.Items.Select(i => i.Accepted.Single()));
    }

    private async Task ReversePinsAsync(string formId)
    {
        var bank = app.Services.GetRequiredService<ItemBankStore>();
        await using var s = await app.Db.BeginAsync();
        var (partOne, partTwo) = await bank.FormPinsAsync(s, formId);
        await bank.SetFormPinsAsync(s, formId, partOne.OrderByDescending(p => p.Position).Select(p => p.ItemVersionId).ToList(), partTwo.ToList());
        await s.CommitAsync();
    }
}
