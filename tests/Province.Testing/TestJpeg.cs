using System.Buffers.Binary;
using System.Text;

namespace Province.Testing;

/// <summary>
/// Small but valid JPEG photos for tests: an 8x8 grey baseline image, optionally carrying the Exif a phone
/// writes (camera make and model, GPS position), so tests can show that uploads lose that data before anyone sees them.
/// </summary>
public static class TestJpeg
{
    /// <summary>
    /// An 8x8 mid-grey baseline JPEG (one component, flat quantisation, one-code Huffman tables):
    /// SOI, APP0 JFIF, DQT, SOF0, DHT (DC), DHT (AC), SOS, one byte of image data, EOI. No metadata.
    /// </summary>
    private static readonly byte[] Grey8x8 =
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xDB, 0x00, 0x43, 0x00,
        0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
        0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
        0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
        0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
        0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
        0x3F,
        0xFF, 0xD9,
    ];

    /// <summary>Where the Exif segment goes: right after SOI (2 bytes) and APP0 JFIF (18 bytes).</summary>
    private const int AfterApp0 = 20;

    private const ushort Ascii = 2;
    private const ushort Long = 4;
    private const ushort Rational = 5;
    private const ushort Byte = 1;

    /// <summary>The 8x8 grey JPEG without any metadata (a fresh copy).</summary>
    public static byte[] WithoutMetadata() => [.. Grey8x8];

    /// <summary>
    /// The 8x8 grey JPEG with an APP1 Exif segment as a phone writes it: IFD0 with Make (first word of
    /// <paramref name="camera"/>) and Model (<paramref name="camera"/> in full), and a GPS IFD with
    /// latitude and longitude (the default is near Tây Ninh city).
    /// </summary>
    public static byte[] WithGpsExif(double latitude = 11.3101, double longitude = 106.0983, string camera = "Samsung SM-A546E")
    {
        if (!(latitude is >= -90 and <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "Latitude must be between -90 and 90.");
        }

        if (!(longitude is >= -180 and <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "Longitude must be between -180 and 180.");
        }

        ArgumentException.ThrowIfNullOrEmpty(camera);

        var exif = ExifSegment(latitude, longitude, camera);
        var jpeg = new byte[Grey8x8.Length + exif.Length];
        Grey8x8.AsSpan(0, AfterApp0).CopyTo(jpeg);
        exif.CopyTo(jpeg, AfterApp0);
        Grey8x8.AsSpan(AfterApp0).CopyTo(jpeg.AsSpan(AfterApp0 + exif.Length));
        return jpeg;
    }

    /// <summary>The bytes <paramref name="camera"/> is written as in the Exif Model tag (ASCII).</summary>
    public static byte[] CameraBytes(string camera) => Encoding.ASCII.GetBytes(camera);

    /// <summary>FF E1, length, "Exif\0\0", then a little-endian TIFF structure: IFD0 and the GPS IFD.</summary>
    private static byte[] ExifSegment(double latitude, double longitude, string camera)
    {
        var model = CameraBytes(camera);
        var spaceAt = camera.IndexOf(' ', StringComparison.Ordinal);
        var make = CameraBytes(spaceAt > 0 ? camera[..spaceAt] : camera);

        // Layout, offsets from the TIFF header: header (8), IFD0 (3 entries), GPS IFD (5 entries), then the values
        // too long to sit in an entry, each on an even offset.
        const int Ifd0 = 8;
        const int Ifd0Entries = 3;
        const int GpsIfd = Ifd0 + 2 + (Ifd0Entries * 12) + 4;
        const int GpsEntries = 5;
        var makeAt = GpsIfd + 2 + (GpsEntries * 12) + 4;
        var modelAt = makeAt + Even(make.Length + 1);
        var latitudeAt = modelAt + Even(model.Length + 1);
        var longitudeAt = latitudeAt + 24;
        var tiffLength = longitudeAt + 24;

        const int Header = 2 + 2 + 6;
        var segment = new byte[Header + tiffLength];
        if (segment.Length - 2 > ushort.MaxValue)
        {
            throw new ArgumentException("The camera name is too long for one Exif segment.", nameof(camera));
        }

        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));

        var tiff = segment.AsSpan(Header);
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff[4..], Ifd0);

        BinaryPrimitives.WriteUInt16LittleEndian(tiff[Ifd0..], Ifd0Entries);
        var entry = Ifd0 + 2;
        entry = AsciiEntry(tiff, entry, 0x010F, make, makeAt); // Make
        entry = AsciiEntry(tiff, entry, 0x0110, model, modelAt); // Model
        entry = Entry(tiff, entry, 0x8825, Long, 1, GpsIfd); // GPSInfo: where the GPS IFD starts
        BinaryPrimitives.WriteUInt32LittleEndian(tiff[entry..], 0); // no IFD1

        BinaryPrimitives.WriteUInt16LittleEndian(tiff[GpsIfd..], GpsEntries);
        entry = GpsIfd + 2;
        entry = Entry(tiff, entry, 0x0000, Byte, 4, 0x0000_0302); // GPSVersionID: bytes 2, 3, 0, 0
        entry = AsciiEntry(tiff, entry, 0x0001, [latitude < 0 ? (byte)'S' : (byte)'N'], 0); // GPSLatitudeRef
        entry = Entry(tiff, entry, 0x0002, Rational, 3, latitudeAt); // GPSLatitude
        entry = AsciiEntry(tiff, entry, 0x0003, [longitude < 0 ? (byte)'W' : (byte)'E'], 0); // GPSLongitudeRef
        entry = Entry(tiff, entry, 0x0004, Rational, 3, longitudeAt); // GPSLongitude
        BinaryPrimitives.WriteUInt32LittleEndian(tiff[entry..], 0);

        WriteDegrees(tiff[latitudeAt..], Math.Abs(latitude));
        WriteDegrees(tiff[longitudeAt..], Math.Abs(longitude));
        return segment;
    }

    private static int Even(int length) => length + (length % 2);

    /// <summary>Writes one 12-byte IFD entry whose value (or its offset) is <paramref name="value"/>.</summary>
    private static int Entry(Span<byte> tiff, int at, ushort tag, ushort type, uint count, int value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[at..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[(at + 2)..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff[(at + 4)..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff[(at + 8)..], (uint)value);
        return at + 12;
    }

    /// <summary>An ASCII entry (NUL-terminated): inline when it fits in 4 bytes, else at <paramref name="valueAt"/>.</summary>
    private static int AsciiEntry(Span<byte> tiff, int at, ushort tag, ReadOnlySpan<byte> text, int valueAt)
    {
        var count = text.Length + 1;
        if (count <= 4)
        {
            var next = Entry(tiff, at, tag, Ascii, (uint)count, 0);
            text.CopyTo(tiff[(at + 8)..]);
            return next;
        }

        text.CopyTo(tiff[valueAt..]);
        tiff[valueAt + text.Length] = 0;
        return Entry(tiff, at, tag, Ascii, (uint)count, valueAt);
    }

    /// <summary>Degrees, minutes and seconds as three rationals, seconds to a hundredth as phones write them.</summary>
    private static void WriteDegrees(Span<byte> at, double degrees)
    {
        var hundredthsOfSecond = (long)Math.Round(degrees * 360_000, MidpointRounding.AwayFromZero);
        uint[] values =
        [
            (uint)(hundredthsOfSecond / 360_000), 1,
            (uint)(hundredthsOfSecond % 360_000 / 6_000), 1,
            (uint)(hundredthsOfSecond % 6_000), 100,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(at[(i * 4)..], values[i]);
        }
    }
}
