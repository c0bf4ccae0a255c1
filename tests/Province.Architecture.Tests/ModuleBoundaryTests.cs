using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Carter;
using Province.BuildingBlocks.Modules;

namespace Province.Architecture.Tests;

/// <summary>
/// Modules talk only through each other's <c>*.Contracts</c>. Checked twice: in the project files
/// (a reference nobody uses yet still couples the builds) and in the compiled assemblies.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> ModuleProjects()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(Root, "src", "Modules"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(project));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModuleProjects))]
    public void A_module_project_references_only_building_blocks_and_contracts(string project)
    {
        var forbidden = ProjectReferences(project)
            // The back office's shell is a building block for the module's staff pages (ADR 22); it knows no module.
            .Where(reference => reference is not ("Province.BuildingBlocks" or "Province.BackOffice") && !reference.EndsWith(".Contracts", StringComparison.Ordinal))
            .ToList();

        Assert.True(forbidden.Count == 0, $"{project} references {string.Join(", ", forbidden)}; reference the module's .Contracts project instead.");
    }

    [Theory]
    [MemberData(nameof(ModuleProjects))]
    public void A_contracts_project_references_only_building_blocks(string project)
    {
        if (!project.EndsWith(".Contracts", StringComparison.Ordinal))
        {
            return;
        }

        Assert.All(ProjectReferences(project), reference => Assert.Equal("Province.BuildingBlocks", reference));
    }

    [Fact]
    public void Building_blocks_know_no_module()
    {
        var project = XDocument.Load(Path.Combine(Root, "src", "BuildingBlocks", "Province.BuildingBlocks.csproj"));
        Assert.Empty(project.Descendants("ProjectReference"));
        var referenced = typeof(IModuleRegistration).Assembly.GetReferencedAssemblies().Select(a => a.Name!);
        Assert.DoesNotContain(referenced, name => name.StartsWith("Province.Modules.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_back_office_shell_knows_no_module()
    {
        var project = XDocument.Load(Path.Combine(Root, "src", "BackOffice", "Province.BackOffice", "Province.BackOffice.csproj"));
        Assert.All(project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)),
            reference => Assert.Equal("Province.BuildingBlocks", reference));
    }

    [Theory]
    [MemberData(nameof(ModuleProjects))]
    public void A_compiled_module_uses_no_other_modules_implementation(string project)
    {
        var assembly = Assembly.Load(project);
        var own = ModuleName(project);

        var foreign = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("Province.Modules.", StringComparison.Ordinal)
                && !name.EndsWith(".Contracts", StringComparison.Ordinal)
                && ModuleName(name) != own)
            .ToList();

        Assert.Empty(foreign);
    }

    [Theory]
    [MemberData(nameof(ModuleProjects))]
    public void A_module_implementation_exposes_only_its_module_class(string project)
    {
        if (project.EndsWith(".Contracts", StringComparison.Ordinal))
        {
            return;
        }

        var publicTypes = Assembly.Load(project).GetExportedTypes().ToList();

        // Besides the module class, only the module's Marten store interface: Marten implements it in code it
        // generates at run time, in an assembly of its own, which cannot implement an internal interface.
        // Carter modules need no exception: the module class lists them, so they stay internal (see below).
        var module = Assert.Single(publicTypes, t => typeof(IModuleRegistration).IsAssignableFrom(t));
        // Staff pages are Razor components in the module's BackOffice folder: Razor generates them public (Blazor's
        // router finds routable components among exported types), so they are the other exception.
        var others = publicTypes.Where(t => t != module
            && !((typeof(Microsoft.AspNetCore.Components.IComponent).IsAssignableFrom(t) || t.Name == "_Imports") && t.Namespace == $"Province.Modules.{ModuleName(project)}.BackOffice")).ToList();
        var store = Assert.Single(others);
        Assert.True(store.IsInterface && typeof(Marten.IDocumentStore).IsAssignableFrom(store) && store.Name == $"I{ModuleName(project)}Store",
            $"{store.FullName} is public; make it internal.");
    }

    [Theory]
    [MemberData(nameof(ModuleProjects))]
    public void A_module_maps_its_endpoints_only_through_the_internal_Carter_modules_its_module_class_lists(string project)
    {
        if (project.EndsWith(".Contracts", StringComparison.Ordinal))
        {
            return;
        }

        var assembly = Assembly.Load(project);
        var carterModules = assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICarterModule).IsAssignableFrom(t))
            .ToList();
        var module = (IModuleRegistration)Activator.CreateInstance(assembly.GetExportedTypes().Single(t => typeof(IModuleRegistration).IsAssignableFrom(t)))!;

        // The host registers exactly the listed ones (Carter's scan would not see internal types and would not
        // know which modules are switched off): a Carter module missing from the list would map nothing.
        Assert.NotEmpty(carterModules);
        Assert.Equal(carterModules.OrderBy(t => t.FullName, StringComparer.Ordinal), module.CarterModules.OrderBy(t => t.FullName, StringComparer.Ordinal));
        Assert.All(carterModules, t => Assert.False(t.IsVisible, $"{t.FullName} is public; make it internal."));
    }

    [Theory]
    [MemberData(nameof(ModuleProjects))]
    public void A_module_shows_its_internals_only_to_its_own_tests(string project)
    {
        var friends = Assembly.Load(project).GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        Assert.All(friends, friend => Assert.Equal(project.Replace(".Contracts", "", StringComparison.Ordinal) + ".Tests", friend));
    }

    /// <summary>"Province.Modules.Identity.Contracts" -> "Identity".</summary>
    private static string ModuleName(string assemblyName) => assemblyName.Split('.')[2];

    private static IEnumerable<string> ProjectReferences(string project)
    {
        var file = Directory.GetFiles(Path.Combine(Root, "src", "Modules"), project + ".csproj", SearchOption.AllDirectories).Single();
        return XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Province.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Province.sln not found above " + AppContext.BaseDirectory);
    }
}
