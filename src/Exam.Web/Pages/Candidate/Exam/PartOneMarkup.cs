using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Exam.Web.Pages.Candidate.Delivery;

/// <summary>
/// Part One's navigator and question sections as HTML, one string per question. A room that starts at once renders
/// this page once per candidate within seconds; written through Razor it was some 3,000 small writes per page and
/// most of the page's CPU (measured with perf). Stems are sanitized HTML already; option texts are encoded here.
/// The markup is the page's own: PartOne.cshtml holds the rest of it.
/// </summary>
internal static class PartOneMarkup
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string Navigator(IReadOnlyList<QuestionView> questions)
    {
        var html = new StringBuilder(questions.Count * 220);
        foreach (var q in questions)
        {
            var n = q.Question.Position;
            var answered = q.ChosenSlot is not null;
            html.Append(CultureInfo.InvariantCulture,
                $"""<li><button type="button" class="nav-q{(answered ? " answered" : "")}{(q.Flagged ? " flagged" : "")}" data-go="{n}" aria-describedby="nav-state-{n}">Question {n}</button><span id="nav-state-{n}" class="visually-hidden">{(answered ? "answered" : "not answered")}{(q.Flagged ? ", flagged for review" : "")}</span></li>""")
                .Append('\n');
        }
        return html.ToString();
    }

    public static string Question(QuestionView q, int count)
    {
        var n = q.Question.Position;
        var html = new StringBuilder(q.Question.StemHtml.Length + 1500);
        html.Append(CultureInfo.InvariantCulture, $"""
            <section class="question" id="q-{n}" data-position="{n}" hidden aria-labelledby="q-{n}-title">
            <h2 id="q-{n}-title" tabindex="-1">Question {n} of {count}</h2>
            <div class="stem">
            """).Append(q.Question.StemHtml).Append(CultureInfo.InvariantCulture, $"""
            </div>
            <fieldset class="options">
            <legend class="visually-hidden">Answer to question {n}</legend>

            """);
        for (var slot = 1; slot <= q.Slots.Count; slot++)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"""<label class="option"><input type="radio" name="q-{n}" value="{slot}"{(q.ChosenSlot == slot ? " checked=\"checked\"" : "")} /> <span>""")
                .Append(Encoder.Encode(q.Slots[slot - 1].Text)).Append("</span></label>\n");
        }
        html.Append(CultureInfo.InvariantCulture, $"""
            </fieldset>
            <div class="question-actions">
            <button type="button" class="secondary" data-prev{(n == 1 ? " disabled=\"disabled\"" : "")}>Previous</button>
            <button type="button" class="secondary flag" data-flag aria-pressed="{(q.Flagged ? "true" : "false")}">Flag for review</button>
            <button type="button" class="secondary" data-clear>Clear answer</button>
            {(n < count ? "<button type=\"button\" data-next>Next</button>" : "<button type=\"button\" data-review>Review answers</button>")}
            </div>
            </section>

            """);
        return html.ToString();
    }
}
