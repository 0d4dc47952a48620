using Exam.Core.Blueprint;
using Exam.Core.ItemBank;

namespace Exam.Core.Tests.Blueprint;

/// <summary>
/// Bank blueprints built in code for Core's tests (Core reads no files): the shape of itembank/blueprint.yaml, and
/// the old 60-item blueprint over all eleven domains that the level rule now forbids for a form IMHS sits.
/// </summary>
public static class TestBlueprints
{
    private static readonly Level[] Both = [Level.III, Level.IV];
    private static readonly Level[] FourOnly = [Level.IV];

    public static readonly ExamTrack Imhs = new("IMHS", "Infant Mental Health Specialist", Level.III, null, [EssaySet.Clinical], 2, []);
    public static readonly ExamTrack ImhmClinical = new("IMHM-C", "Mentor, Clinical", Level.IV, Designation.C,
        [EssaySet.Supervisory, EssaySet.Clinical], 2, [new(EssaySet.Supervisory, 1), new(EssaySet.Clinical, 1)]);
    public static readonly ExamTrack ImhmPolicy = new("IMHM-P", "Mentor, Policy", Level.IV, Designation.P, [EssaySet.Policy], 2, []);
    public static readonly ExamTrack ImhmResearchFaculty = new("IMHM-R/F", "Mentor, Research/Faculty", Level.IV, Designation.RF,
        [EssaySet.Teaching, EssaySet.Research], 2, [new(EssaySet.Teaching, 1), new(EssaySet.Research, 1)]);

    /// <summary>Part One over the eight shared domains, 60 items.</summary>
    public static readonly ItemBlueprint SharedSixty = new(new Dictionary<string, int>
    {
        ["theoretical-foundations"] = 21, ["law-regulation-policy"] = 5, ["systems-expertise"] = 4, ["direct-service-skills"] = 15,
        ["working-with-others"] = 3, ["communicating"] = 2, ["thinking"] = 4, ["reflection"] = 6,
    });

    /// <summary>The blueprint before the level rule: 60 items including four from the Level IV-only domains.</summary>
    public static readonly ItemBlueprint AllElevenSixty = new(new Dictionary<string, int>
    {
        ["theoretical-foundations"] = 20, ["law-regulation-policy"] = 4, ["systems-expertise"] = 4, ["direct-service-skills"] = 14,
        ["working-with-others"] = 3, ["communicating"] = 2, ["thinking"] = 4, ["reflection"] = 5,
        ["leading-people"] = 1, ["administration"] = 2, ["research-evaluation"] = 1,
    });

    public static readonly BankBlueprint Shipped = new()
    {
        LevelNames = new Dictionary<Level, string> { [Level.III] = "Level III", [Level.IV] = "Level IV" },
        Domains =
        [
            new("theoretical-foundations", "Theoretical Foundations", Both),
            new("law-regulation-policy", "Law, Regulation and Agency Policy", Both),
            new("systems-expertise", "Systems Expertise", Both),
            new("direct-service-skills", "Direct Service Skills", Both),
            new("working-with-others", "Working With Others", Both),
            new("communicating", "Communicating", Both),
            new("thinking", "Thinking", Both),
            new("reflection", "Reflection", Both),
            new("leading-people", "Leading People", FourOnly),
            new("administration", "Administration", FourOnly),
            new("research-evaluation", "Research and Evaluation", FourOnly),
        ],
        Tracks = [Imhs, ImhmClinical, ImhmPolicy, ImhmResearchFaculty],
        PartOne = new PartOneDefinition { Blueprint = SharedSixty },
    };
}
