using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace Province.Testing.Browser;

/// <summary>axe-core on the page as it is now: no serious or critical violation (WCAG 2.1 A and AA rules and best practices).</summary>
public static class Accessibility
{
    public static async Task<AxeResult> AssertNoSeriousViolationsAsync(IPage page, string screen)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0,
            $"axe-core on {screen} ({page.Url}) found {serious.Count} serious or critical violation(s):\n" + string.Join("\n", serious.Select(v =>
                $"- {v.Id} ({v.Impact}): {v.Help}; {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target + " " + n.Html))}")));
        return result;
    }
}
