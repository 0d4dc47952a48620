using Exam.Core.ItemBank;
using Exam.Core.Tests.Blueprint;

namespace Exam.Core.Tests.ItemBank;

public sealed class FormDefinitionTests
{
    [Fact]
    public void A_form_definition_round_trips_through_its_canonical_json_without_its_status()
    {
        var form = new FormDefinition
        {
            Id = "form-2026-a",
            Title = "Spring 2026",
            Status = FormStatus.Published,
            Seed = 9,
            PartOne = new PartOneDefinition { Blueprint = TestBlueprints.SharedSixty, Items = [ItemPin.Parse("tf-001@0123456789ab")] },
            PartTwo = new PartTwoDefinition
            {
                Rubrics = [ItemPin.Parse("clinical-vignette@aaaaaaaaaaaa")],
                Tracks =
                [
                    new TrackEssays { Track = "IMHS", Items = [ItemPin.Parse("es-clin-01@bbbbbbbbbbbb")] },
                    new TrackEssays
                    {
                        Track = "IMHM-C",
                        Require = [new(EssaySet.Supervisory, 1), new(EssaySet.Clinical, 1)],
                        Items = [ItemPin.Parse("es-sup-01@cccccccccccc")],
                    },
                ],
            },
        };
        var json = form.ToCanonicalJson();
        Assert.DoesNotContain("published", json);
        var back = FormDefinition.FromJson(json, FormStatus.Published);
        Assert.Equal(json, back.ToCanonicalJson());
        Assert.Equal(60, back.PartOne.Blueprint.Total);
        Assert.Equal(RatingResolution.MeanOfThirdAndCloser, back.PartTwo.Resolution);
    }
}
