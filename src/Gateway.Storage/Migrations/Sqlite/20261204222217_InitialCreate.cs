using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gateway.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "client_registrations",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RevokeTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_client_registrations", x => x.ClientId);
                });

            migrationBuilder.CreateTable(
                name: "feed_signing_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feed_signing_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lea_feed_counter",
                columns: table => new
                {
                    lea_code = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    last_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    pruned_through_sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lea_feed_counter", x => x.lea_code);
                });

            migrationBuilder.CreateTable(
                name: "leas",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leas", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "link_acknowledgements",
                columns: table => new
                {
                    LeaCode = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    LinkId = table.Column<long>(type: "INTEGER", nullable: false),
                    Written = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AcknowledgeTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_link_acknowledgements", x => new { x.LeaCode, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "link_updates",
                columns: table => new
                {
                    LeaCode = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    LinkId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangeType = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolYear = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Assessment = table.Column<int>(type: "INTEGER", nullable: false),
                    Ssid = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    LocalStudentId = table.Column<string>(type: "TEXT", nullable: false),
                    SchoolCdsCode = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    GuardianPortalAccountIds = table.Column<string>(type: "TEXT", nullable: false),
                    Language = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    ExpireTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    CommitTime = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_link_updates", x => new { x.LeaCode, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictApplications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClientSecret = table.Column<string>(type: "TEXT", nullable: true),
                    ClientType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ConsentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayNames = table.Column<string>(type: "TEXT", nullable: true),
                    JsonWebKeySet = table.Column<string>(type: "TEXT", nullable: true),
                    Permissions = table.Column<string>(type: "TEXT", nullable: true),
                    PostLogoutRedirectUris = table.Column<string>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    RedirectUris = table.Column<string>(type: "TEXT", nullable: true),
                    Requirements = table.Column<string>(type: "TEXT", nullable: true),
                    Settings = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictApplications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictScopes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Descriptions = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayNames = table.Column<string>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    Resources = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictScopes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeaCode = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    SchoolYear = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Assessment = table.Column<int>(type: "INTEGER", nullable: false),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    PurchaseOrderNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", nullable: false),
                    QuoteId = table.Column<string>(type: "TEXT", nullable: false),
                    TextedLinks = table.Column<bool>(type: "INTEGER", nullable: false),
                    SetCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TextedLinkCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", nullable: false),
                    RosterVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    CreateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreateTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    CancelTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "portal_field_mappings",
                columns: table => new
                {
                    LeaCode = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    EnglishLinkField = table.Column<string>(type: "TEXT", nullable: false),
                    PrimaryLanguageLinkField = table.Column<string>(type: "TEXT", nullable: false),
                    LabelField = table.Column<string>(type: "TEXT", nullable: false),
                    LanguageField = table.Column<string>(type: "TEXT", nullable: false),
                    ExpireTimeField = table.Column<string>(type: "TEXT", nullable: false),
                    UpdateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_field_mappings", x => x.LeaCode);
                });

            migrationBuilder.CreateTable(
                name: "quotes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    LeaCode = table.Column<string>(type: "TEXT", nullable: false),
                    ExpireTimeUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Payload = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "roster_staged_guardians",
                columns: table => new
                {
                    UploadId = table.Column<string>(type: "TEXT", nullable: false),
                    RecordIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaCode = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", nullable: false),
                    MobilePhoneE164 = table.Column<string>(type: "TEXT", nullable: false),
                    MobilePhoneExtension = table.Column<string>(type: "TEXT", nullable: false),
                    Textable = table.Column<bool>(type: "INTEGER", nullable: false),
                    NotTextableReason = table.Column<string>(type: "TEXT", nullable: true),
                    TextingConsent = table.Column<int>(type: "INTEGER", nullable: false),
                    PreferredLanguage = table.Column<string>(type: "TEXT", nullable: false),
                    PortalAccountId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_staged_guardians", x => new { x.UploadId, x.RecordIndex, x.Ordinal });
                });

            migrationBuilder.CreateTable(
                name: "roster_staged_students",
                columns: table => new
                {
                    UploadId = table.Column<string>(type: "TEXT", nullable: false),
                    RecordIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaCode = table.Column<string>(type: "TEXT", nullable: false),
                    Rejected = table.Column<bool>(type: "INTEGER", nullable: false),
                    Ssid = table.Column<string>(type: "TEXT", nullable: false),
                    LocalStudentId = table.Column<string>(type: "TEXT", nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", nullable: false),
                    MiddleName = table.Column<string>(type: "TEXT", nullable: false),
                    LastName = table.Column<string>(type: "TEXT", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", nullable: false),
                    SchoolCdsCode = table.Column<string>(type: "TEXT", nullable: false),
                    PrimaryLanguageCode = table.Column<string>(type: "TEXT", nullable: false),
                    PrimaryVideoLanguage = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", nullable: false),
                    StageTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_staged_students", x => new { x.UploadId, x.RecordIndex });
                });

            migrationBuilder.CreateTable(
                name: "roster_students",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LeaCode = table.Column<string>(type: "TEXT", nullable: false),
                    SchoolYear = table.Column<string>(type: "TEXT", nullable: false),
                    Assessment = table.Column<int>(type: "INTEGER", nullable: false),
                    Ssid = table.Column<string>(type: "TEXT", nullable: false),
                    LocalStudentId = table.Column<string>(type: "TEXT", nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", nullable: false),
                    MiddleName = table.Column<string>(type: "TEXT", nullable: false),
                    LastName = table.Column<string>(type: "TEXT", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", nullable: false),
                    SchoolCdsCode = table.Column<string>(type: "TEXT", nullable: false),
                    PrimaryLanguageCode = table.Column<string>(type: "TEXT", nullable: false),
                    PrimaryVideoLanguage = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_students", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "roster_uploads",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    LeaCode = table.Column<string>(type: "TEXT", nullable: false),
                    SchoolYear = table.Column<string>(type: "TEXT", nullable: false),
                    Assessment = table.Column<int>(type: "INTEGER", nullable: false),
                    Mode = table.Column<int>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", nullable: false),
                    AcceptedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UnchangedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RemovedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RosterVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    CreateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Outcome = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_uploads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "roster_versions",
                columns: table => new
                {
                    LeaCode = table.Column<string>(type: "TEXT", nullable: false),
                    SchoolYear = table.Column<string>(type: "TEXT", nullable: false),
                    Assessment = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_versions", x => new { x.LeaCode, x.SchoolYear, x.Assessment });
                });

            migrationBuilder.CreateTable(
                name: "video_links",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LeaCode = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    SchoolYear = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Assessment = table.Column<int>(type: "INTEGER", nullable: false),
                    Ssid = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Language = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LocalStudentId = table.Column<string>(type: "TEXT", nullable: false),
                    SchoolCdsCode = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    GuardianPortalAccountIds = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    ExpireTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdateTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_video_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "client_leas",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "TEXT", nullable: false),
                    LeaCode = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_client_leas", x => new { x.ClientId, x.LeaCode });
                    table.ForeignKey(
                        name: "FK_client_leas_client_registrations_ClientId",
                        column: x => x.ClientId,
                        principalTable: "client_registrations",
                        principalColumn: "ClientId",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_client_leas_leas_LeaCode",
                        column: x => x.LeaCode,
                        principalTable: "leas",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictAuthorizations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictAuthorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenIddictAuthorizations_OpenIddictApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "OpenIddictApplications",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "order_line_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_line_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_order_line_items_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "order_students",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeaCode = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    SchoolYear = table.Column<string>(type: "TEXT", nullable: false),
                    Assessment = table.Column<int>(type: "INTEGER", nullable: false),
                    Ssid = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    LocalStudentId = table.Column<string>(type: "TEXT", nullable: false),
                    SchoolCdsCode = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    PrimaryVideoLanguage = table.Column<int>(type: "INTEGER", nullable: false),
                    TextedLink = table.Column<bool>(type: "INTEGER", nullable: false),
                    GuardianPortalAccountIds = table.Column<string>(type: "TEXT", nullable: false),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_students", x => x.Id);
                    table.ForeignKey(
                        name: "FK_order_students_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "roster_guardians",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LeaCode = table.Column<string>(type: "TEXT", nullable: false),
                    StudentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", nullable: false),
                    MobilePhoneE164 = table.Column<string>(type: "TEXT", nullable: false),
                    MobilePhoneExtension = table.Column<string>(type: "TEXT", nullable: false),
                    Textable = table.Column<bool>(type: "INTEGER", nullable: false),
                    NotTextableReason = table.Column<string>(type: "TEXT", nullable: true),
                    TextingConsent = table.Column<int>(type: "INTEGER", nullable: false),
                    PreferredLanguage = table.Column<string>(type: "TEXT", nullable: false),
                    PortalAccountId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roster_guardians", x => x.Id);
                    table.ForeignKey(
                        name: "FK_roster_guardians_roster_students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "roster_students",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictTokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<string>(type: "TEXT", nullable: true),
                    AuthorizationId = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpirationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    RedemptionDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReferenceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenIddictTokens_OpenIddictApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "OpenIddictApplications",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_OpenIddictTokens_OpenIddictAuthorizations_AuthorizationId",
                        column: x => x.AuthorizationId,
                        principalTable: "OpenIddictAuthorizations",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_client_leas_LeaCode",
                table: "client_leas",
                column: "LeaCode");

            migrationBuilder.CreateIndex(
                name: "IX_link_acknowledgements_LeaCode_LinkId",
                table: "link_acknowledgements",
                columns: new[] { "LeaCode", "LinkId" });

            migrationBuilder.CreateIndex(
                name: "IX_link_updates_LeaCode_CommitTime",
                table: "link_updates",
                columns: new[] { "LeaCode", "CommitTime" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictApplications_ClientId",
                table: "OpenIddictApplications",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type",
                table: "OpenIddictAuthorizations",
                columns: new[] { "ApplicationId", "Status", "Subject", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictScopes_Name",
                table: "OpenIddictScopes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_ApplicationId_Status_Subject_Type",
                table: "OpenIddictTokens",
                columns: new[] { "ApplicationId", "Status", "Subject", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_AuthorizationId",
                table: "OpenIddictTokens",
                column: "AuthorizationId");

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_ReferenceId",
                table: "OpenIddictTokens",
                column: "ReferenceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_order_line_items_OrderId",
                table: "order_line_items",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_order_students_LeaCode_SchoolYear_Assessment_Ssid",
                table: "order_students",
                columns: new[] { "LeaCode", "SchoolYear", "Assessment", "Ssid" });

            migrationBuilder.CreateIndex(
                name: "IX_order_students_OrderId",
                table: "order_students",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_orders_LeaCode_CreateTicks",
                table: "orders",
                columns: new[] { "LeaCode", "CreateTicks" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_LeaCode_IdempotencyKey",
                table: "orders",
                columns: new[] { "LeaCode", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_LeaCode_QuoteId",
                table: "orders",
                columns: new[] { "LeaCode", "QuoteId" },
                unique: true,
                filter: "\"QuoteId\" <> ''");

            migrationBuilder.CreateIndex(
                name: "IX_quotes_LeaCode_ExpireTimeUnixMs",
                table: "quotes",
                columns: new[] { "LeaCode", "ExpireTimeUnixMs" });

            migrationBuilder.CreateIndex(
                name: "IX_roster_guardians_LeaCode",
                table: "roster_guardians",
                column: "LeaCode");

            migrationBuilder.CreateIndex(
                name: "IX_roster_guardians_StudentId_Ordinal",
                table: "roster_guardians",
                columns: new[] { "StudentId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_roster_staged_students_StageTime",
                table: "roster_staged_students",
                column: "StageTime");

            migrationBuilder.CreateIndex(
                name: "IX_roster_staged_students_UploadId_Ssid",
                table: "roster_staged_students",
                columns: new[] { "UploadId", "Ssid" });

            migrationBuilder.CreateIndex(
                name: "IX_roster_students_LeaCode_SchoolYear_Assessment_Ssid",
                table: "roster_students",
                columns: new[] { "LeaCode", "SchoolYear", "Assessment", "Ssid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_roster_uploads_LeaCode_IdempotencyKey",
                table: "roster_uploads",
                columns: new[] { "LeaCode", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_video_links_LeaCode_Id",
                table: "video_links",
                columns: new[] { "LeaCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_video_links_LeaCode_SchoolYear_Assessment_Ssid_Language",
                table: "video_links",
                columns: new[] { "LeaCode", "SchoolYear", "Assessment", "Ssid", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_video_links_OrderId",
                table: "video_links",
                column: "OrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "client_leas");

            migrationBuilder.DropTable(
                name: "feed_signing_keys");

            migrationBuilder.DropTable(
                name: "lea_feed_counter");

            migrationBuilder.DropTable(
                name: "link_acknowledgements");

            migrationBuilder.DropTable(
                name: "link_updates");

            migrationBuilder.DropTable(
                name: "OpenIddictScopes");

            migrationBuilder.DropTable(
                name: "OpenIddictTokens");

            migrationBuilder.DropTable(
                name: "order_line_items");

            migrationBuilder.DropTable(
                name: "order_students");

            migrationBuilder.DropTable(
                name: "portal_field_mappings");

            migrationBuilder.DropTable(
                name: "quotes");

            migrationBuilder.DropTable(
                name: "roster_guardians");

            migrationBuilder.DropTable(
                name: "roster_staged_guardians");

            migrationBuilder.DropTable(
                name: "roster_staged_students");

            migrationBuilder.DropTable(
                name: "roster_uploads");

            migrationBuilder.DropTable(
                name: "roster_versions");

            migrationBuilder.DropTable(
                name: "video_links");

            migrationBuilder.DropTable(
                name: "client_registrations");

            migrationBuilder.DropTable(
                name: "leas");

            migrationBuilder.DropTable(
                name: "OpenIddictAuthorizations");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "roster_students");

            migrationBuilder.DropTable(
                name: "OpenIddictApplications");
        }
    }
}
