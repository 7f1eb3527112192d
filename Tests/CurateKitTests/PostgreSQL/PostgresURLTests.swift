import Foundation
import Testing
@testable import CurateKit

@Suite("PostgreSQL store URLs and their masked passwords")
struct PostgresURLTests {
    @Test("every description shows the password as ***", arguments: [
        ("postgresql://ann:s3cr3t-pw@db.example:5432/curate", "postgresql://ann:***@db.example:5432/curate"),
        ("postgres://ann:s3cr3t-pw@/curate?host=/run/postgresql", "postgres://ann:***@/curate?host=/run/postgresql"),
        ("postgresql://ann@db/curate?sslmode=require&password=s3cr3t-pw", "postgresql://ann@db/curate?sslmode=require&password=***"),
        ("host=db user=ann password=s3cr3t-pw dbname=curate", "host=db user=ann password=*** dbname=curate"),
        ("host=db password = 's3cr3t-pw x' dbname=curate", "host=db password = '***' dbname=curate"),
        ("postgresql://ann@db/curate?sslpassword=s3cr3t-pw&mypassword=x", "postgresql://ann@db/curate?sslpassword=***&mypassword=x"),
        ("host=db sslpassword=s3cr3t-pw", "host=db sslpassword=***"),
        ("postgresql://ann@db/curate", "postgresql://ann@db/curate"),
        ("postgresql://curate:curate@db/curate", "postgresql://curate:***@db/curate"),
    ])
    func masked(given: String, shown: String) {
        let url = PostgresURL(given)
        #expect(url.description == shown)
        #expect("\(url)" == shown)
        #expect(String(reflecting: url) == shown)
        var dumped = ""
        dump(url, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
    }

    @Test("a percent-encoded password is masked in libpq's messages in both its forms")
    func percentEncoded() {
        let url = PostgresURL("postgresql://ann:p%40ss%3Aword@db/curate")
        #expect(url.description == "postgresql://ann:***@db/curate")
        #expect(url.mask("password p@ss:word or p%40ss%3Aword") == "password *** or ***")
    }

    @Test("only postgresql:// and postgres:// URIs name a PostgreSQL store")
    func names() {
        #expect(PostgresURL.names("postgresql:///curate"))
        #expect(PostgresURL.names("POSTGRES://db/curate"))
        #expect(!PostgresURL.names(".curate/store.sqlite"))
        #expect(!PostgresURL.names("postgresql.sqlite"))
    }

    @Test("no error about a store holds its password", arguments: [
        // Nothing listens on this socket: libpq's message names the socket, never the password.
        "postgresql://ann:s3cr3t-pw@/curate?host=/nonexistent-curate-folder&port=1",
        // libpq cannot read this URI (an unknown parameter).
        "postgresql://ann:s3cr3t-pw@/curate?host=/nonexistent-curate-folder&colour=red",
        // A malformed percent escape next to the password.
        "postgresql://ann:s3cr3t-pw%zz@/curate?host=/nonexistent-curate-folder",
    ])
    func errorsHideThePassword(uri: String) {
        let url = PostgresURL(uri)
        let error = #expect(throws: PostgresError.self) { try PostgresConnection(url: url) }
        let text = error.map { "\($0) \($0.localizedDescription) \(String(reflecting: $0))" } ?? ""
        #expect(!text.contains("s3cr3t"))
        #expect(text.contains("ann:***@"))
    }

    @Test("every error message masks the password, in the URL and in what libpq or the server said")
    func everyMessageMasks() {
        let url = PostgresURL("postgresql://ann:s3cr3t-pw@db/curate")
        let every: [PostgresError] = [
            .badConnectionString(store: url, message: "near s3cr3t-pw"), .connectionFailed(store: url, message: "s3cr3t-pw"),
            .missingDatabase(store: url, message: "database \"s3cr3t-pw\" does not exist"),
            .notACurateStore(store: url), .occupied(store: url, tables: ["t"]), .newerSchema(store: url, found: 2, supported: 1),
            .statementFailed(store: url, sqlState: "08006", message: "s3cr3t-pw"), .nulCharacter(store: url, field: "f"),
            .inconsistent(store: url, reason: "r"), .badValue(store: url, table: "t", row: "r", column: "c", value: "v"),
        ]
        for error in every {
            #expect(!(error.errorDescription ?? "").contains("s3cr3t"))
            #expect(error.errorDescription?.contains("postgresql://ann:***@db/curate") == true)
        }
    }

    @Test("a URI libpq cannot read is bad input (exit 2); a server that cannot be reached is not")
    func exitCodes() throws {
        let unreadable = #expect(throws: PostgresError.self) { try PostgresConnection(url: PostgresURL("postgresql:///curate?colour=red")) }
        #expect(unreadable?.isBadInput == true)
        #expect(unreadable?.errorDescription?.contains("postgresql://USER@HOST:PORT/DATABASE") == true)
        let unreachable = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: PostgresURL("postgresql:///curate?host=/nonexistent-curate-folder"))
        }
        #expect(unreachable?.isBadInput == false)
        #expect(unreachable?.errorDescription?.contains("check that the server is running") == true)
    }
}
