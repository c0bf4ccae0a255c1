using System.Globalization;

namespace Province.BuildingBlocks.Files;

/// <summary>
/// Removes metadata from JPEG photos before they are stored. Photos taken with a phone carry the GPS
/// position where they were taken (often the citizen's home), the phone's make and model, its serial
/// numbers and the time of the shot, in Exif, XMP, IPTC and comment segments. Citizens' reports and their
/// photos are shown publicly, so none of that may leave with the picture.
/// </summary>
/// <remarks>
/// The file is walked segment by segment (marker <c>0xFF xx</c>, then a 2-byte big-endian length that counts
/// itself). Kept unchanged: SOI, APP0 (JFIF/JFXX), APP2 ICC profiles and the APP14 "Adobe" segment (both only
/// say how to read the colours, so dropping them would change the picture), DQT, SOF*, DHT, DRI, SOS and the
/// entropy-coded image data up to and including EOI. Dropped: APP1 (Exif with GPS, XMP), the other APP2 to
/// APP15 segments (APP13 is Photoshop/IPTC), COM, and whatever trails EOI (phones append maker data or a
/// motion-photo video there). The image data itself is never decoded or re-encoded.
/// </remarks>
public static class JpegMetadata
{
    private const byte Soi = 0xD8;
    private const byte Eoi = 0xD9;
    private const byte Sos = 0xDA;
    private const byte App1 = 0xE1;
    private const byte App2 = 0xE2;
    private const byte App14 = 0xEE;
    private const byte Com = 0xFE;

    /// <summary>
    /// Returns a copy of <paramref name="jpeg"/> (baseline or progressive) without its metadata segments;
    /// the pixels are untouched. A JPEG that carries no metadata comes back byte for byte the same.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The data does not start with a JPEG SOI marker, or a segment is truncated or has an invalid length.
    /// </exception>
    public static byte[] Strip(ReadOnlySpan<byte> jpeg)
    {
        RequireSoi(jpeg);

        // Nothing is ever added, so the result fits in the input's size.
        var output = new byte[jpeg.Length];
        jpeg[..2].CopyTo(output);
        var written = 2;
        var position = 2;
        var seenImageData = false;
        var seenEnd = false;

        while (position < jpeg.Length)
        {
            var segment = ReadSegment(jpeg, position);
            if (segment.Marker == Soi)
            {
                throw Invalid(string.Create(CultureInfo.InvariantCulture, $"The JPEG has a second SOI marker at offset {segment.MarkerOffset}."));
            }

            var end = segment.End;
            if (segment.Marker == Sos)
            {
                seenImageData = true;
                end = SkipEntropyCodedData(jpeg, end);
            }

            if (Keeps(segment.Marker, jpeg[segment.PayloadStart..segment.End]))
            {
                // Fill bytes before a kept marker are kept with it, so an untouched file stays identical.
                jpeg[segment.Start..end].CopyTo(output.AsSpan(written));
                written += end - segment.Start;
            }

            position = end;
            if (segment.Marker == Eoi)
            {
                seenEnd = true;

                // Anything after EOI is not part of the image: phones put maker data or videos there.
                break;
            }
        }

        if (!seenImageData && !seenEnd)
        {
            throw Invalid("The JPEG ends before its image data (no SOS marker).");
        }

        Array.Resize(ref output, written);
        return output;
    }

    /// <summary>
    /// True when the JPEG has an Exif APP1 segment (payload starting with "Exif\0\0") before its image data:
    /// the segment where phones write the GPS position and the device's make and model.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The data does not start with a JPEG SOI marker, or a segment is truncated or has an invalid length.
    /// </exception>
    public static bool HasExif(ReadOnlySpan<byte> jpeg)
    {
        RequireSoi(jpeg);

        var position = 2;
        while (position < jpeg.Length)
        {
            var segment = ReadSegment(jpeg, position);
            if (segment.Marker is Sos or Eoi)
            {
                return false;
            }

            if (segment.Marker == App1 && jpeg[segment.PayloadStart..segment.End].StartsWith("Exif\0\0"u8))
            {
                return true;
            }

            position = segment.End;
        }

        return false;
    }

    private static bool Keeps(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        App1 => false,
        App2 => payload.StartsWith("ICC_PROFILE\0"u8),
        App14 => payload.StartsWith("Adobe"u8),
        >= 0xE3 and <= 0xEF => false,
        Com => false,
        _ => true,
    };

    private static void RequireSoi(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 2 || jpeg[0] != 0xFF || jpeg[1] != Soi)
        {
            throw Invalid("The data is not a JPEG: it does not start with the SOI marker (FF D8).");
        }
    }

    /// <summary>
    /// Reads the marker at <paramref name="start"/> (after any 0xFF fill bytes) and, unless it stands alone,
    /// its length. For SOS the segment ends with its header; the image data after it is not included.
    /// </summary>
    private static Segment ReadSegment(ReadOnlySpan<byte> jpeg, int start)
    {
        if (jpeg[start] != 0xFF)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"Expected a JPEG marker at offset {start} but found byte 0x{jpeg[start]:X2}."));
        }

        var codeOffset = start + 1;
        while (codeOffset < jpeg.Length && jpeg[codeOffset] == 0xFF)
        {
            codeOffset++;
        }

        if (codeOffset >= jpeg.Length)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"The JPEG is truncated: it ends inside the marker at offset {start}."));
        }

        var marker = jpeg[codeOffset];
        var markerOffset = codeOffset - 1;
        if (marker == 0x00)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"Invalid JPEG marker FF 00 at offset {markerOffset} outside the image data."));
        }

        // RST0-RST7, TEM, SOI and EOI stand alone: no length follows them.
        if (marker is (>= 0xD0 and <= 0xD7) or 0x01 or Soi or Eoi)
        {
            return new Segment(start, markerOffset, marker, codeOffset + 1, codeOffset + 1);
        }

        if (codeOffset + 2 >= jpeg.Length)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"The JPEG is truncated: the segment at offset {markerOffset} (marker FF {marker:X2}) has no length."));
        }

        var length = (jpeg[codeOffset + 1] << 8) | jpeg[codeOffset + 2];
        if (length < 2)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"The segment at offset {markerOffset} (marker FF {marker:X2}) has an invalid length of {length}."));
        }

        var end = codeOffset + 1 + length;
        if (end > jpeg.Length)
        {
            throw Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"The JPEG is truncated: the segment at offset {markerOffset} (marker FF {marker:X2}) declares {length} bytes but only {jpeg.Length - codeOffset - 1} remain."));
        }

        return new Segment(start, markerOffset, marker, codeOffset + 3, end);
    }

    /// <summary>
    /// Returns the offset of the next marker after the entropy-coded data starting at <paramref name="position"/>
    /// (or the end of the data when the image is cut short). Inside that data 0xFF is followed by a stuffed 0x00
    /// or is a restart marker (RST0-RST7); both belong to the image.
    /// </summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> jpeg, int position)
    {
        while (position < jpeg.Length)
        {
            var next = jpeg[position..].IndexOf((byte)0xFF);
            if (next < 0)
            {
                return jpeg.Length;
            }

            var markerStart = position + next;
            var code = markerStart + 1;
            while (code < jpeg.Length && jpeg[code] == 0xFF)
            {
                code++;
            }

            if (code >= jpeg.Length)
            {
                return jpeg.Length;
            }

            if (jpeg[code] != 0x00 && jpeg[code] is not (>= 0xD0 and <= 0xD7))
            {
                return markerStart;
            }

            position = code + 1;
        }

        return jpeg.Length;
    }

    private static InvalidDataException Invalid(string message) => new(message);

    /// <param name="Start">Offset of the first 0xFF (fill bytes included).</param>
    /// <param name="MarkerOffset">Offset of the 0xFF directly before the marker code.</param>
    /// <param name="PayloadStart">Offset just after the length field (equal to <paramref name="End"/> for standalone markers).</param>
    /// <param name="End">Offset just after the segment.</param>
    private readonly record struct Segment(int Start, int MarkerOffset, byte Marker, int PayloadStart, int End);
}
