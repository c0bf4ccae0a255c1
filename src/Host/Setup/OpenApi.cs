using Microsoft.OpenApi;

namespace Province.Host.Setup;

internal static class OpenApi
{
    public static IServiceCollection AddProvinceOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Province API",
                Version = "v1",
                Description = "Dịch vụ công của tỉnh trên Zalo: công dân xác thực bằng access token Zalo (Bearer), cán bộ bằng bearer token của Province.",
            };
            return Task.CompletedTask;
        }).AddSchemaTransformer((schema, context, _) =>
        {
            // Strings are read through CleanTextJsonConverter, which hides their type from the schema generator: put back
            // what it would have written (a string, nullable unless annotated otherwise; arrays of strings).
            if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null or JsonSchemaType.String)
            {
                schema.Type = MayBeNull(context.JsonPropertyInfo) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            }
            else if (context.JsonTypeInfo.ElementType == typeof(string) && schema.Items is null or { Type: null })
            {
                schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            return Task.CompletedTask;
        }));

    /// <summary>
    /// As the generator decides without the converter: the framework's own types (the bearer token answer, server-sent
    /// events) have nullable strings unless required; Province's follow their nullable annotations.
    /// </summary>
    private static bool MayBeNull(System.Text.Json.Serialization.Metadata.JsonPropertyInfo? property)
    {
        if (property is null)
        {
            return false;
        }

        if (property.DeclaringType.Assembly.GetName().Name?.StartsWith("Province.", StringComparison.Ordinal) != true)
        {
            return !property.IsRequired;
        }

        return property.AttributeProvider switch
        {
            System.Reflection.PropertyInfo member => new System.Reflection.NullabilityInfoContext().Create(member).ReadState != System.Reflection.NullabilityState.NotNull,
            System.Reflection.FieldInfo member => new System.Reflection.NullabilityInfoContext().Create(member).ReadState != System.Reflection.NullabilityState.NotNull,
            _ => true,
        };
    }
}
