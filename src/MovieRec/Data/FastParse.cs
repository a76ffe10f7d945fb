namespace MovieRec.Data;

/// <summary>Strict, allocation-free parsers for ASCII numbers in byte spans.</summary>
internal static class FastParse
{
    /// <summary>Parses a non-negative decimal integer of up to 18 digits.</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 18)
        {
            return false;
        }

        long v = 0;
        foreach (byte b in s)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            v = (v * 10) + d;
        }

        value = v;
        return true;
    }

    /// <summary>Parses a non-negative decimal integer that fits an <see cref="int"/>.</summary>
    public static bool TryParseInt32(ReadOnlySpan<byte> s, out int value)
    {
        if (s.Length <= 9 && TryParseInt64(s, out long v) && v <= int.MaxValue)
        {
            value = (int)v;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Parses a non-negative decimal number "d", "d.", "d.ddd" (up to 9 fraction digits).</summary>
    public static bool TryParseRating(ReadOnlySpan<byte> s, out float value)
    {
        value = 0;
        int dot = s.IndexOf((byte)'.');
        if (dot < 0)
        {
            if (TryParseInt32(s, out int whole))
            {
                value = whole;
                return true;
            }

            return false;
        }

        var fraction = s[(dot + 1)..];
        if (dot == 0 || fraction.Length > 9 || !TryParseInt32(s[..dot], out int integer))
        {
            return false;
        }

        int frac = 0;
        int scale = 1;
        foreach (byte b in fraction)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            frac = (frac * 10) + (int)d;
            scale *= 10;
        }

        value = (float)(integer + ((double)frac / scale));
        return true;
    }

    /// <summary>Parses "yyyy-mm-dd" into Unix seconds at midnight UTC.</summary>
    public static bool TryParseIsoDate(ReadOnlySpan<byte> s, out long unixSeconds)
    {
        unixSeconds = 0;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-'
            || !TryParseInt32(s[..4], out int year) || !TryParseInt32(s.Slice(5, 2), out int month) || !TryParseInt32(s.Slice(8, 2), out int day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        unixSeconds = (long)(new DateOnly(year, month, day).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * 86400L;
        return true;
    }

    /// <summary>Splits <paramref name="line"/> at <paramref name="separator"/> into exactly <paramref name="fields"/>.Length ranges.</summary>
    /// <returns>The number of fields found (may exceed the span's length, in which case the extra ones are not stored).</returns>
    public static int Split(ReadOnlySpan<byte> line, ReadOnlySpan<byte> separator, Span<Range> fields)
    {
        int count = 0;
        int start = 0;
        while (true)
        {
            int at = separator.Length == 1 ? line[start..].IndexOf(separator[0]) : line[start..].IndexOf(separator);
            int end = at < 0 ? line.Length : start + at;
            if (count < fields.Length)
            {
                fields[count] = new Range(start, end);
            }

            count++;
            if (at < 0)
            {
                return count;
            }

            start = end + separator.Length;
        }
    }
}
