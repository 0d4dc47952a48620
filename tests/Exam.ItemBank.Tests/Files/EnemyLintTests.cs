using Exam.ItemBank.Tests.Fixtures;

namespace Exam.ItemBank.Tests.Files;

/// <summary>Enemy items in files: declared in front matter, mutual, known, and never together on a form.</summary>
public sealed class EnemyLintTests : IDisposable
{
    private readonly TempBank _bank = new();

    public void Dispose() => _bank.Dispose();

    private void Declare(string item, params string[] enemies) =>
        _bank.WriteItem(TempBank.Items().Single(d => d.Content.Id == item) with { Enemies = enemies });

    [Fact]
    public void Enemies_round_trip_through_the_file_outside_the_version()
    {
        Declare("tf-001", "tf-003");
        Declare("tf-003", "tf-001");
        Assert.Contains("enemies: [tf-003]\n", _bank.Read("items/tf-001.md"));
        var doc = _bank.ReadBank().Items.Single(i => i.Id == "tf-001").Document!;
        Assert.Equal(["tf-003"], doc.Enemies);
        // Declaring an enemy changes no version: the form's pins still hold.
        Assert.Equal(TempBank.Pin("tf-001"), doc.Content.Pin);
        Assert.Empty(_bank.Lint());
    }

    [Fact]
    public void An_enemy_named_on_one_side_only_is_reported_there()
    {
        Declare("tf-001", "tf-003");
        var p = Assert.Single(_bank.Lint());
        Assert.Equal(_bank.PathOf("items/tf-001.md"), p.File);
        Assert.Equal(_bank.LineOf("items/tf-001.md", "enemies:"), p.Line);
        Assert.Equal("tf-001 names tf-003 as an enemy, but items/tf-003.md does not name tf-001: enemies are mutual, add it there", p.Message);
    }

    [Fact]
    public void An_unknown_enemy_is_reported()
    {
        Declare("tf-001", "tf-999");
        var p = Assert.Single(_bank.Lint());
        Assert.Equal("unknown enemy 'tf-999': no items/tf-999.md", p.Message);
    }

    [Fact]
    public void An_item_cannot_be_its_own_enemy()
    {
        _bank.Edit("items/tf-003.md", "status: approved\n", "status: approved\nenemies: [tf-003]\n");
        var p = Assert.Single(_bank.Lint());
        Assert.Equal("an item cannot be its own enemy", p.Message);
    }

    [Fact]
    public void Two_enemies_on_a_draft_form_are_a_problem_naming_both()
    {
        Declare("tf-002", "dss-001");
        Declare("dss-001", "tf-002");
        var p = Assert.Single(_bank.Lint());
        Assert.False(p.Warning);
        Assert.Equal(_bank.PathOf("forms/form-test.yaml"), p.File);
        Assert.Equal(_bank.LineOf("forms/form-test.yaml", TempBank.Pin("tf-002").ToString()), p.Line);
        Assert.StartsWith("dss-001 (position 2) and tf-002 (position 3) are enemies", p.Message);
    }

    [Fact]
    public void Two_enemies_on_a_published_form_are_a_warning_to_retire_it()
    {
        Declare("tf-002", "dss-001");
        Declare("dss-001", "tf-002");
        _bank.Edit("forms/form-test.yaml", "status: draft", "status: published");
        var p = Assert.Single(_bank.Lint());
        Assert.True(p.Warning);
        Assert.EndsWith("a published form never changes: retire it and publish a corrected form", p.Message);
    }
}
