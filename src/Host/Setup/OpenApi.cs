using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Security;

namespace Province.Host.Setup;

/// <summary>
/// The document a client generator reads (a test type-checks a strict TypeScript client generated from it): security
/// schemes per operation from the endpoint's policy, the <c>Idempotency-Key</c> header where the idempotency filter
/// reads it, every error answer with one <c>Problem</c> schema and the list of stable codes, string enums, integers as
/// integers (the API's JSON reads numbers strictly), optional fields optional and binary answers with their content
/// types, and examples (<see cref="OpenApiExamples"/>: the main citizen operations, one problem per status). Module
/// authors declare only what is theirs (summary, <c>.Produces</c>, <c>.ProducesProblem</c>).
/// </summary>
internal static class OpenApi
{
    public const string ZaloScheme = "zalo";
    public const string StaffScheme = "staff";
    public const string ProblemSchema = "Problem";

    private static readonly Dictionary<string, string> ErrorDescriptions = new()
    {
        ["400"] = "Yêu cầu không hợp lệ: dữ liệu, tham số truy vấn hoặc đường dẫn sai hay thiếu (`errors` nêu từng trường).",
        ["401"] = "Chưa xác thực: thiếu, sai hoặc hết hạn bearer token.",
        ["403"] = "Đã xác thực nhưng không có quyền (hoặc liên kết ký đã hết hạn: `link.expired`).",
        ["404"] = "Không tìm thấy (kể cả khi bản ghi tồn tại nhưng không thuộc về người gọi).",
        ["409"] = "Xung đột: trạng thái không cho phép thao tác hoặc `version` đã cũ.",
        ["422"] = "Vi phạm quy tắc nghiệp vụ (hoặc cùng Idempotency-Key với nội dung khác).",
        ["429"] = "Quá nhiều yêu cầu; thử lại sau số giây ở `Retry-After`.",
        ["503"] = "Hệ thống phụ thuộc tạm thời không sẵn sàng; thử lại sau số giây ở `Retry-After`.",
    };

    public static IServiceCollection AddProvinceOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Province API",
                Version = "v1",
                Description = "Dịch vụ công của tỉnh trên Zalo: công dân xác thực bằng access token Zalo (Bearer, lược đồ `zalo`), cán bộ bằng bearer token của Province (lược đồ `staff`). " +
                    "Lỗi theo RFC 9457 (lược đồ `Problem`, mã ổn định ở `code`); thời gian theo giờ Việt Nam (+07:00).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ZaloScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Công dân: access token Zalo của mini app (zmp-sdk getAccessToken()).",
            };
            document.Components.SecuritySchemes[StaffScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Cán bộ: accessToken trả về bởi POST /api/staff/identity/sign-in.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            // Every problem answer now names Problem; the framework's two problem schemas would only mislead.
            document.Components.Schemas.Remove("ProblemDetails");
            document.Components.Schemas.Remove("HttpValidationProblemDetails");
            OpenApiExamples.DeclareProblems(document.Components);
            return Task.CompletedTask;
        }).AddOperationTransformer((operation, context, _) =>
        {
            Describe(operation, context);
            return Task.CompletedTask;
        }).AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            // Strings are read through CleanTextJsonConverter, which hides their type from the schema generator: put back
            // what it would have written (a string, nullable unless annotated otherwise; arrays of strings).
            if (type == typeof(string) && schema.Type is null or JsonSchemaType.String)
            {
                schema.Type = MayBeNull(context.JsonPropertyInfo) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            }
            else if (context.JsonTypeInfo.ElementType == typeof(string) && schema.Items is null or { Type: null })
            {
                schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
            }
            else if (underlying == typeof(DateTimeOffset))
            {
                // VietnamTimeJsonConverter hides the type likewise.
                schema.Type = type != underlying || MayBeNull(context.JsonPropertyInfo) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                schema.Format = "date-time";
            }
            else if (underlying.IsEnum)
            {
                // Enums travel as camelCase strings (JsonStringEnumConverter): say so, values and all.
                schema.Type = type != underlying ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                if (schema.Enum is null or { Count: 0 })
                {
                    schema.Enum = [.. Enum.GetNames(underlying).Select(name => (JsonNode)System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name))];
                }
            }

            OptionalWhenNullable(schema, context);
            return Task.CompletedTask;
        }));

    /// <summary>
    /// A property that may be null may also be left out (System.Text.Json binds it to null), so it is not
    /// <c>required</c>: a generated client then lets its caller omit it.
    /// </summary>
    private static void OptionalWhenNullable(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (schema.Required is not { Count: > 0 } required || context.JsonTypeInfo.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!property.IsRequired && required.Contains(property.Name)
                && (Nullable.GetUnderlyingType(property.PropertyType) is not null || (!property.PropertyType.IsValueType && MayBeNull(property))))
            {
                required.Remove(property.Name);
            }
        }
    }

    private static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        if (string.IsNullOrEmpty(operation.Description) && !string.IsNullOrEmpty(operation.Summary))
        {
            operation.Description = operation.Summary;
        }

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).Where(p => !string.IsNullOrEmpty(p)).ToList();
        var scheme = anonymous || policies.Count == 0 ? null : policies.Contains(ProvincePolicies.Citizen) ? ZaloScheme : StaffScheme;
        if (scheme is not null)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
        }

        if (metadata.OfType<IdempotencyKeyRequired>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotentRequest.HeaderName,
                In = ParameterLocation.Header,
                Required = true,
                Description = "Khóa chống gửi trùng (1-100 ký tự ASCII, thường là một UUID mới cho mỗi lần tạo): gửi lại cùng khóa và nội dung trả lại câu trả lời đầu (`Idempotent-Replayed: true`); cùng khóa, nội dung khác: 422.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 100 },
            });
        }

        operation.Responses ??= new OpenApiResponses();
        var errors = new List<string> { "400", "503" };
        if (scheme is not null)
        {
            // Signed-in callers are limited per person (ProvinceRateLimits.PerClient).
            errors.AddRange(["401", "403", "429"]);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            errors.Add("429");
        }

        if (context.Description.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
        {
            errors.Add("404");
        }

        foreach (var status in errors.Distinct())
        {
            if (!operation.Responses.ContainsKey(status))
            {
                operation.Responses[status] = new OpenApiResponse();
            }
        }

        foreach (var (status, response) in operation.Responses.ToList())
        {
            if (status.StartsWith('4') || status.StartsWith('5'))
            {
                operation.Responses[status] = ProblemResponse(status, response, document);
            }
        }

        DeclareBinaryAnswers(operation, context.Description);
        OpenApiExamples.Apply(operation);
    }

    private static OpenApiResponse ProblemResponse(string status, IOpenApiResponse existing, OpenApiDocument? document)
    {
        var response = new OpenApiResponse
        {
            Description = ErrorDescriptions.TryGetValue(status, out var text) ? text : existing.Description ?? "Lỗi",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchemaReference(ProblemSchema, document),
                    Examples = OpenApiExamples.ForProblem(status, document),
                },
            },
        };
        if (status is "429" or "503")
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Số giây nên chờ trước khi thử lại.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }

        return response;
    }

    /// <summary>
    /// A file, image or receipt declared by <c>.Produces(200, contentType: ...)</c> without a body type: the generator
    /// leaves its content out; put the content type back with a binary body.
    /// </summary>
    private static void DeclareBinaryAnswers(OpenApiOperation operation, ApiDescription description)
    {
        foreach (var declared in description.SupportedResponseTypes.Where(r => r.StatusCode is >= 200 and < 300))
        {
            var status = declared.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(status, out var existing) != true || existing is not OpenApiResponse response)
            {
                continue;
            }

            foreach (var format in declared.ApiResponseFormats.Where(f => !f.MediaType.Contains("json", StringComparison.OrdinalIgnoreCase)))
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                if (!response.Content.ContainsKey(format.MediaType))
                {
                    response.Content[format.MediaType] = new OpenApiMediaType
                    {
                        Schema = format.MediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || format.MediaType.EndsWith("xml", StringComparison.OrdinalIgnoreCase)
                            ? new OpenApiSchema { Type = JsonSchemaType.String }
                            : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    };
                }
            }
        }
    }

    /// <summary>RFC 9457 problem details as Province writes them (BuildingBlocks/Errors), with every stable code it answers.</summary>
    private static OpenApiSchema Problem()
    {
        var codes = ApiProblemCodes.Find();
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Lỗi theo RFC 9457. Máy đọc `code` (ổn định), người đọc `title` và `detail` (tiếng Việt).",
            Required = new HashSet<string> { "title", "status", "code" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Mã ổn định `<tiền tố>.<snake_case>` để máy rẽ nhánh. Các mã Province trả (danh sách đọc từ mã nguồn khi dựng tài liệu, có thể thêm mã mới): " +
                        string.Join(", ", codes.Select(code => "`" + code + "`")) + ".",
                    Extensions = new Dictionary<string, IOpenApiExtension> { ["x-known-codes"] = new JsonNodeExtension(new JsonArray([.. codes.Select(code => (JsonNode)code)])) },
                },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Mã vết (W3C trace id) để người vận hành tìm trong nhật ký." },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Lỗi theo từng trường hoặc tham số (tiếng Việt), khi dữ liệu gửi lên không hợp lệ.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
        };
    }

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
