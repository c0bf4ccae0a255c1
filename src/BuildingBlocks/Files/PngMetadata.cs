using System.Buffers.Binary;

namespace Province.BuildingBlocks.Files;

/// <summary>
/// Removes metadata from PNG images before they are stored: eXIf (the same Exif a phone writes into JPEGs, GPS
/// included), tEXt, zTXt and iTXt (author, software, comments: free text, sometimes whole HTML pages), tIME and
/// any chunk a reader may skip that this list does not know. The picture's chunks are copied unchanged.
/// </summary>
public static class PngMetadata
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>What is needed to draw the picture and its colours.</summary>
    private static readonly string[] Kept = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD", "acTL", "fcTL", "fdAT"];

    /// <summary>The PNG without its metadata chunks.</summary>
    /// <exception cref="InvalidDataException">
    /// Not a PNG as the specification builds one: no signature, IHDR not first, a chunk that runs past the end or has
    /// a name that is not four letters, no image data, or no IEND. Bytes after IEND are dropped.
    /// </exception>
    public static byte[] Strip(ReadOnlySpan<byte> png)
    {
        if (!png.StartsWith(Signature))
        {
            throw new InvalidDataException("The data is not a PNG: it does not start with the PNG signature.");
        }

        using var output = new MemoryStream(png.Length);
        output.Write(Signature);
        var position = Signature.Length;
        var first = true;
        var seenData = false;
        while (true)
        {
            if (position + 12 > png.Length)
            {
                throw new InvalidDataException("The PNG ends before its IEND chunk.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(position, 4));
            if (length > int.MaxValue || position + 12 + (long)length > png.Length)
            {
                throw new InvalidDataException("A PNG chunk runs past the end of the file.");
            }

            var name = png.Slice(position + 4, 4);
            foreach (var letter in name)
            {
                if (!char.IsAsciiLetter((char)letter))
                {
                    throw new InvalidDataException("A PNG chunk name is not four letters.");
                }
            }

            var type = System.Text.Encoding.ASCII.GetString(name);
            if (first && (type != "IHDR" || length != 13))
            {
                throw new InvalidDataException("The PNG does not start with its IHDR chunk.");
            }

            first = false;
            seenData |= type == "IDAT";
            var chunk = png.Slice(position, 12 + (int)length);
            if (Kept.Contains(type))
            {
                output.Write(chunk);
            }
            else if (char.IsAsciiLetterUpper(type[0]))
            {
                // A critical chunk this list does not know: a reader may not skip it, so the file is not one we can clean.
                throw new InvalidDataException("The PNG has an unknown critical chunk.");
            }

            position += chunk.Length;
            if (type == "IEND")
            {
                return seenData ? output.ToArray() : throw new InvalidDataException("The PNG has no image data.");
            }
        }
    }
}

/// <summary>
/// Removes metadata from WebP images: the EXIF and XMP chunks of the RIFF container (and their flags in VP8X);
/// the image chunks are copied unchanged.
/// </summary>
public static class WebpMetadata
{
    private static readonly string[] Kept = ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"];

    /// <exception cref="InvalidDataException">Not a RIFF/WEBP file whose chunks add up, or one without image data.</exception>
    public static byte[] Strip(ReadOnlySpan<byte> webp)
    {
        if (webp.Length < 20 || !webp[..4].SequenceEqual("RIFF"u8) || !webp[8..12].SequenceEqual("WEBP"u8))
        {
            throw new InvalidDataException("The data is not a WebP image.");
        }

        var declared = BinaryPrimitives.ReadUInt32LittleEndian(webp[4..8]);
        if (declared + 8L > webp.Length || declared < 12)
        {
            throw new InvalidDataException("The WebP's RIFF size does not match the file.");
        }

        var end = (int)declared + 8;
        using var output = new MemoryStream(webp.Length);
        output.Write(webp[..12]);
        var position = 12;
        var seenImage = false;
        while (position < end)
        {
            if (position + 8 > end)
            {
                throw new InvalidDataException("A WebP chunk header runs past the end.");
            }

            var type = System.Text.Encoding.ASCII.GetString(webp.Slice(position, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp.Slice(position + 4, 4));
            var padded = size + (size & 1);
            if (position + 8 + (long)padded > end)
            {
                throw new InvalidDataException("A WebP chunk runs past the end.");
            }

            var chunk = webp.Slice(position, 8 + (int)padded);
            if (Kept.Contains(type))
            {
                var start = (int)output.Position;
                output.Write(chunk);
                if (type == "VP8X" && size >= 1)
                {
                    // Flags byte: clear "has EXIF" (0x08) and "has XMP" (0x04), whose chunks are gone.
                    var buffer = output.GetBuffer();
                    buffer[start + 8] &= unchecked((byte)~0x0C);
                }

                seenImage |= type is "VP8 " or "VP8L" or "ANMF";
            }

            position += chunk.Length;
        }

        if (!seenImage)
        {
            throw new InvalidDataException("The WebP has no image data.");
        }

        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4, 4), (uint)(result.Length - 8));
        return result;
    }
}
