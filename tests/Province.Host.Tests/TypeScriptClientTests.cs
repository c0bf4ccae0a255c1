using System.Diagnostics;
using System.Runtime.CompilerServices;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>
/// Issue 13's "done": a client generated from /openapi/v1.json by openapi-typescript type-checks in strict mode
/// (TypeScriptClient/client.ts leans on integers, enums, the Idempotency-Key header, optional nullable fields and the
/// Problem schema, so a regression of the document fails here). Needs node and npm (build/test.sh's machine has them);
/// the npm packages come from package-lock.json by <c>npm ci</c>.
/// </summary>
public sealed class TypeScriptClientTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task A_TypeScript_client_generated_from_the_OpenAPI_document_type_checks_in_strict_mode()
    {
        var project = Path.Combine(SourceDirectory(), "TypeScriptClient");
        using var client = app.CreateClient();
        await File.WriteAllTextAsync(Path.Combine(project, "openapi.json"), await client.GetStringAsync("/openapi/v1.json"));

        var installed = Path.Combine(project, "node_modules", ".package-lock.json");
        if (!File.Exists(installed) || File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(Path.Combine(project, "package-lock.json")))
        {
            await RunAsync(project, "npm", "ci --no-audit --no-fund --prefer-offline");
        }

        await RunAsync(project, "node", "node_modules/openapi-typescript/bin/cli.js openapi.json -o generated/province.d.ts");
        await RunAsync(project, "node", "node_modules/typescript/bin/tsc --strict --noEmit -p .");
    }

    private static async Task RunAsync(string directory, string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{command} {arguments} exited with {process.ExitCode}:\n{await output}\n{await errors}");
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
