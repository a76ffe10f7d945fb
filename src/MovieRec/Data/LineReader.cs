using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Reads a file line by line as byte spans over one reusable buffer (no per-line allocation).
/// Strips "\n", a trailing "\r" and a UTF-8 byte-order mark; counts physical lines.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private const int DefaultBufferSize = 1 << 20;
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    private LineReader(Stream stream, string filePath, int bufferSize)
    {
        _stream = stream;
        FilePath = filePath;
        _buffer = new byte[bufferSize];
    }

    /// <summary>The file being read.</summary>
    public string FilePath { get; }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the last line returned had no line break after it.</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>Opens a file, throwing <see cref="FileNotFoundException"/> naming it when it is missing.</summary>
    public static LineReader Open(string path, int bufferSize = DefaultBufferSize)
    {
        InputFiles.RequireRegular(path, "Dataset file");

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return new LineReader(stream, path, bufferSize);
    }

    /// <summary>Counts the lines of a file (a last line without a line break counts too).</summary>
    public static long CountLines(string path)
    {
        InputFiles.RequireRegular(path, "Dataset file");

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[DefaultBufferSize];
        long lines = 0;
        byte last = (byte)'\n';
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }

        return last == (byte)'\n' ? lines : lines + 1;
    }

    /// <summary>Returns the next line without its line break; the span is valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            int newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(available[..newline]);
                _start += newline + 1;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                if (available.Length > 0)
                {
                    line = TrimCarriageReturn(available);
                    _start = _end;
                    LineNumber++;
                    LastLineUnterminated = true;
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    /// <summary>Decodes a line for an error message, shortened to 200 characters.</summary>
    public static string Describe(ReadOnlySpan<byte> line, Encoding encoding)
    {
        const int MaxBytes = 200;
        string text = encoding.GetString(line.Length > MaxBytes ? line[..MaxBytes] : line);
        return line.Length > MaxBytes ? text + "…" : text;
    }

    public void Dispose() => _stream.Dispose();

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void Fill()
    {
        int remaining = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
            _start = 0;
            _end = remaining;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= InputFiles.MaxLineBytes)
            {
                throw new DataFormatException($"{FilePath}, line {LineNumber + 1}: the line is longer than {InputFiles.MaxLineBytes / (1 << 20)} MiB; a ratings or movies file has short lines (is this the right file?).");
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, InputFiles.MaxLineBytes));
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return;
        }

        if (_first)
        {
            _first = false;
            if (read >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _start = 3;
            }
        }

        _end += read;
    }
}
