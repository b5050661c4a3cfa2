using System.Text;
using System.Text.RegularExpressions;

namespace CareerGraph.Model;

/// <summary>How names and ids are compared and made: one rule for both backends.</summary>
public static partial class Names
{
    public const int MaxIdLength = 64;

    /// <summary>Lower-case ascii letters and digits in hyphen-separated words, e.g. "mlops-engineer".</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && SlugPattern().IsMatch(id);

    /// <summary>The comparison key of a name or alias: trimmed, single-spaced, lower-case.</summary>
    public static string Key(string name)
    {
        // Hot on large imports and index builds: a name already trimmed and single-spaced skips the rebuild.
        var trimmed = name.Trim();
        return (IsSingleSpaced(trimmed) ? trimmed : WhiteSpace().Replace(trimmed, " ")).ToLowerInvariant();
    }

    private static bool IsSingleSpaced(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || text[i - 1] == ' '))
                return false;
        return true;
    }

    /// <summary>A readable slug for a name: "C++ Developer" → "c-developer"; never empty.</summary>
    public static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != '-' && !IsCombiningMark(c)) builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxIdLength) slug = slug[..MaxIdLength].TrimEnd('-');
        return slug.Length == 0 ? "node" : slug;
    }

    private static bool IsCombiningMark(char c) =>
        char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
