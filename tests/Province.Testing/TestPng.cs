using System.Buffers.Binary;

namespace Province.Testing;

/// <summary>
/// PNG files built as the specification lays them out (signature, IHDR, IDAT, IEND), since uploads are checked by
/// structure: a PNG signature followed by anything else is refused. <c>salt</c> goes into the image data, so each
/// file's bytes (and hash) differ and survive the removal of metadata chunks. CRCs are not computed: nothing decodes.
/// </summary>
public static class TestPng
{
    public static byte[] Create(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> textChunk = default)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
        if (!textChunk.IsEmpty)
        {
            Chunk(png, "tEXt", textChunk);
        }

        Chunk(png, "IDAT", [0x78, 0x9C, .. salt]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] Unique() => Create(Guid.NewGuid().ToByteArray());

    private static void Chunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        png.Write(System.Text.Encoding.ASCII.GetBytes(type));
        png.Write(data);
        png.Write([0, 0, 0, 0]);
    }
}
