using System.Globalization;
using System.Text;

namespace MovieRec.Data;

/// <summary>
/// An RFC 4180 CSV reader for metadata files: comma-separated fields, fields in double quotes may
/// hold commas, doubled quotes and line breaks; records end at LF or CRLF.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private long _line = 1;
    private int _length;

    private CsvRecordReader(TextReader reader, string filePath)
    {
        _reader = reader;
        FilePath = filePath;
    }

    public string FilePath { get; }

    /// <summary>1-based physical line on which the last record returned starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Number of records read so far (including the header).</summary>
    public long RecordCount { get; private set; }

    public static CsvRecordReader Open(string path, Encoding encoding)
    {
        InputFiles.RequireRegular(path, "Dataset file");
        return new CsvRecordReader(new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), path);
    }

    /// <summary>Reads the next record, or returns <see langword="null"/> at the end of the file.</summary>
    /// <exception cref="DataFormatException">A quoted field is not closed, or a quote appears after a closing quote.</exception>
    public string[]? Read()
    {
        _fields.Clear();
        _field.Clear();
        _length = 0;
        int c = _reader.Read();
        if (c < 0)
        {
            return null;
        }

        RecordLine = _line;
        RecordCount++;
        while (true)
        {
            if (c == '"' && _field.Length == 0)
            {
                ReadQuoted();
                c = Next();
                if (c is not (',' or '\n' or '\r' or -1))
                {
                    throw new DataFormatException(FilePath, RecordLine, MetadataReader.Shorten(string.Join(",", _fields) + "," + _field), "text after a closing quote");
                }
            }

            if (c == ',')
            {
                _fields.Add(_field.ToString());
                _field.Clear();
                c = Next();
                continue;
            }

            if (c is '\n' or '\r' or -1)
            {
                if (c == '\r' && _reader.Peek() == '\n')
                {
                    Next();
                }

                if (c != -1)
                {
                    _line++;
                }

                _fields.Add(_field.ToString());
                return [.. _fields];
            }

            _field.Append((char)c);
            c = Next();
        }
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>Reads the next character of the record, refusing a record past <see cref="InputFiles.MaxLineBytes"/> characters (a file with no line breaks, or an unclosed quote, is not read to the end of memory).</summary>
    private int Next()
    {
        if (++_length > InputFiles.MaxLineBytes)
        {
            throw new DataFormatException(FilePath, RecordLine, MetadataReader.Shorten(string.Join(",", _fields) + "," + _field), string.Create(CultureInfo.InvariantCulture, $"the record is longer than {InputFiles.MaxLineBytes:N0} characters (is this the right file?)"));
        }

        return _reader.Read();
    }

    private void ReadQuoted()
    {
        while (true)
        {
            int c = Next();
            if (c < 0)
            {
                throw new DataFormatException(FilePath, RecordLine, MetadataReader.Shorten("\"" + _field), "a quoted field is not closed before the end of the file");
            }

            if (c == '"')
            {
                if (_reader.Peek() == '"')
                {
                    Next();
                    _field.Append('"');
                    continue;
                }

                return;
            }

            if (c == '\n')
            {
                _line++;
            }

            _field.Append((char)c);
        }
    }
}
