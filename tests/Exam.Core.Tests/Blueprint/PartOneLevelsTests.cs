using Exam.Core.Blueprint;
using Exam.Core.ItemBank;

namespace Exam.Core.Tests.Blueprint;

public sealed class PartOneLevelsTests
{
    private static readonly BankBlueprint Bank = TestBlueprints.Shipped;

    private static FormDefinition FormFor(params string[] tracks) => new()
    {
        Id = "f",
        PartTwo = new PartTwoDefinition { Tracks = tracks.Select(t => new TrackEssays { Track = t }).ToList() },
    };

    [Fact]
    public void The_tracks_that_sit_a_form_are_those_its_part_two_names()
    {
        Assert.Equal(["IMHM-C", "IMHM-P"], PartOneLevels.SittingTracks(Bank, FormFor("IMHM-C", "IMHM-P")).Select(t => t.Id));
    }

    [Fact]
    public void A_form_naming_no_track_is_sat_by_every_track()
    {
        Assert.Equal(4, PartOneLevels.SittingTracks(Bank, FormFor()).Count);
    }

    [Fact]
    public void A_level_four_item_does_not_suit_a_form_a_level_three_track_sits()
    {
        var pin = new ItemPin("lead-001", "aaaaaaaaaaaa");
        var misfits = PartOneLevels.Misfits([(pin, Level.IV, Designation.A)], PartOneLevels.SittingTracks(Bank, FormFor("IMHS", "IMHM-C")));
        var misfit = Assert.Single(misfits);
        Assert.Equal("IMHS", misfit.Track.Id);
        Assert.Contains("lead-001 is written for level IV", misfit.ToString());
    }

    [Fact]
    public void A_level_four_item_suits_a_form_only_level_four_tracks_sit_when_its_designation_fits_them_all()
    {
        var tracks = PartOneLevels.SittingTracks(Bank, FormFor("IMHM-C", "IMHM-P"));
        Assert.Empty(PartOneLevels.Misfits([(new ItemPin("adm-001", "aaaaaaaaaaaa"), Level.IV, Designation.A)], tracks));
        var clinicalOnly = Assert.Single(PartOneLevels.Misfits([(new ItemPin("sup-001", "aaaaaaaaaaaa"), Level.IV, Designation.C)], tracks));
        Assert.Equal("IMHM-P", clinicalOnly.Track.Id);
    }

    [Fact]
    public void An_item_of_level_both_and_designation_A_suits_every_track()
    {
        Assert.True(PartOneLevels.SuitsAll(Bank.Tracks, Level.Both, Designation.A));
        Assert.False(PartOneLevels.SuitsAll(Bank.Tracks, Level.Both, Designation.C));
    }
}
