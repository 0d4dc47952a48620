using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Exam.Web.Delivery;

namespace Exam.Web.Pages.Candidate.Delivery;

/// <summary>
/// Part One's question sections and navigator as ready-made HTML pieces, built once per form: every variant of
/// each question's opening, option lines (option × slot × checked) and closing, and of each navigator entry.
/// A room that starts at once renders this page once per candidate within seconds; through Razor it was
/// thousands of small writes and some 250 KB of garbage per page, and the collector then dominated the CPU
/// (measured with perf). Now a page is a few hundred references to shared strings. Stems are sanitized HTML
/// already; option texts are encoded here. The rest of the page's markup is in PartOne.cshtml.
/// </summary>
internal sealed class PartOneMarkup
{
    private static readonly ConditionalWeakTable<FormContent, PartOneMarkup> Built = new();
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    private readonly string[] _heads;
    private readonly string[][] _options; // [position - 1][option index * 8 + (slot - 1) * 2 + checked]
    private readonly string[][] _tails;   // [position - 1][flagged]
    private readonly string[][] _nav;     // [position - 1][answered * 2 + flagged]

    private PartOneMarkup(IReadOnlyList<DeliveredQuestion> questions)
    {
        var count = questions.Count;
        _heads = new string[count];
        _options = new string[count][];
        _tails = new string[count][];
        _nav = new string[count][];
        foreach (var q in questions)
        {
            var i = q.Position - 1;
            _heads[i] = Head(q, count);
            _options[i] = new string[q.Options.Count * 8];
            for (var o = 0; o < q.Options.Count; o++)
                for (var slot = 1; slot <= 4; slot++)
                    for (var chosen = 0; chosen < 2; chosen++)
                        _options[i][o * 8 + (slot - 1) * 2 + chosen] = Option(q.Position, slot, chosen == 1, q.Options[o].Text);
            _tails[i] = [Tail(q.Position, count, flagged: false), Tail(q.Position, count, flagged: true)];
            _nav[i] = [Nav(q.Position, false, false), Nav(q.Position, false, true), Nav(q.Position, true, false), Nav(q.Position, true, true)];
        }
    }

    public static PartOneMarkup For(FormContent form) => Built.GetValue(form, f => new PartOneMarkup(f.PartOne));

    /// <summary>The pieces of one question as this candidate sees it, in page order.</summary>
    public IEnumerable<string> Question(QuestionView q)
    {
        var i = q.Question.Position - 1;
        yield return _heads[i];
        for (var slot = 1; slot <= q.Slots.Count; slot++)
        {
            var option = IndexOf(q.Question.Options, q.Slots[slot - 1]);
            yield return _options[i][option * 8 + (slot - 1) * 2 + (q.ChosenSlot == slot ? 1 : 0)];
        }
        yield return _tails[i][q.Flagged ? 1 : 0];
    }

    public string NavigatorEntry(QuestionView q) =>
        _nav[q.Question.Position - 1][(q.ChosenSlot is not null ? 2 : 0) + (q.Flagged ? 1 : 0)];

    private static int IndexOf(IReadOnlyList<DeliveredOption> options, DeliveredOption option)
    {
        for (var o = 0; o < options.Count; o++)
            if (options[o].Id == option.Id) return o;
        throw new InvalidOperationException($"Option {option.Id} is not one of the question's options.");
    }

    // The flag button's name says the state (a changing name, not aria-pressed, so it is never both at once).
    // part-one.js switches between the same two names.
    internal const string FlagName = "Flag for review";
    internal const string FlaggedName = "Flagged for review: remove the flag";

    private static string Head(DeliveredQuestion q, int count) => string.Create(CultureInfo.InvariantCulture, $"""
        <section class="question" id="q-{q.Position}" data-position="{q.Position}" hidden aria-labelledby="q-{q.Position}-title">
        <h2 id="q-{q.Position}-title" tabindex="-1">Question {q.Position} of {count}</h2>
        <div class="stem">{q.StemHtml}</div>
        <fieldset class="options">
        <legend class="visually-hidden">Answer to question {q.Position}</legend>

        """);

    private static string Option(int n, int slot, bool chosen, string text) => string.Create(CultureInfo.InvariantCulture,
        $"""<label class="option"><input type="radio" name="q-{n}" value="{slot}"{(chosen ? " checked=\"checked\"" : "")} /> <span>{Encoder.Encode(text)}</span></label>""") + "\n";

    private static string Tail(int n, int count, bool flagged) => string.Create(CultureInfo.InvariantCulture, $"""
        </fieldset>
        <div class="question-actions">
        <button type="button" class="secondary" data-prev{(n == 1 ? " disabled=\"disabled\"" : "")}>Previous</button>
        <button type="button" class="secondary flag" data-flag data-flagged="{(flagged ? "true" : "false")}">{(flagged ? FlaggedName : FlagName)}</button>
        <button type="button" class="secondary" data-clear>Clear answer</button>
        {(n < count ? "<button type=\"button\" data-next>Next</button>" : "<button type=\"button\" data-review>Review answers</button>")}
        </div>
        </section>

        """);

    private static string Nav(int n, bool answered, bool flagged) => string.Create(CultureInfo.InvariantCulture,
        $"""<li><button type="button" class="nav-q{(answered ? " answered" : "")}{(flagged ? " flagged" : "")}" data-go="{n}" aria-describedby="nav-state-{n}"><span class="visually-hidden">Question </span>{n}</button><span id="nav-state-{n}" class="visually-hidden">{(answered ? "answered" : "not answered")}{(flagged ? ", flagged for review" : "")}</span></li>""") + "\n";
}
